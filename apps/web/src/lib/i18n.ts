import { CATALOGUE_NAMES_EN } from '@ft/contracts/catalogue-names';
import i18n, { type PostProcessorModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../locales/en.json';
import fr from '../locales/fr.json';

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'ft.language';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

/**
 * French typography: the space before « ? ! ; : » and inside « guillemets » must not break a line.
 * Applying it when text is shown lets translators type ordinary spaces in fr.json.
 */
export const frenchTypography = (text: string) =>
  text
    .replace(/ ([?!;])/g, `${NNBSP}$1`)
    .replace(/ ([:»])/g, `${NBSP}$1`)
    .replace(/« /g, `«${NBSP}`)
    .replace(/(\d) ([€%])/g, `$1${NBSP}$2`);

const typography: PostProcessorModule = {
  type: 'postProcessor',
  name: 'typography',
  process: (value, _key, options) =>
    (options.lng ?? i18n.language) === 'fr' ? frenchTypography(value) : value,
};

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'en' ? 'en' : 'fr';
  } catch {
    return 'fr';
  }
}

/**
 * en.json, with the catalogue's English names (products, documents, categories) from
 * @ft/contracts, where the API's English e-mails read them too.
 */
function englishResources() {
  return { ...en, catalogue: { ...en.catalogue, ...CATALOGUE_NAMES_EN } };
}

/** French by default; the visitor's choice is remembered and mirrored in <html lang>. */
export function setupI18n() {
  if (!i18n.isInitialized) {
    void i18n
      .use(initReactI18next)
      .use(typography)
      .init({
        resources: { fr: { translation: fr }, en: { translation: englishResources() } },
        lng: storedLanguage(),
        fallbackLng: 'fr',
        supportedLngs: LANGUAGES,
        postProcess: ['typography'],
        interpolation: { escapeValue: false },
      });
    document.documentElement.lang = i18n.language;
    i18n.on('languageChanged', (language) => {
      document.documentElement.lang = language;
      try {
        localStorage.setItem(STORAGE_KEY, language);
      } catch {
        // Private browsing may refuse storage; the choice then lasts for this visit only.
      }
    });
  }
  return i18n;
}
