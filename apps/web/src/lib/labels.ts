import { useTranslation } from 'react-i18next';

/**
 * Names that come from the catalogue (product names, checklist document names). French shows the
 * catalogue's own wording, which admins edit; other languages translate by code (en.json
 * `catalogue.products` and `catalogue.documents`), the catalogue name standing in for a code
 * without a translation (a product added later).
 */
export function useCatalogueLabels() {
  const { t, i18n } = useTranslation();
  const translated = (key: string, fallback: string) =>
    i18n.language !== 'fr' && i18n.exists(key) ? t(key) : fallback;
  return {
    product: (code: string | null | undefined, name: string) =>
      code ? translated(`catalogue.products.${code}`, name) : name,
    /** A simulator question's wording, short label, unit and option labels, by code. */
    question: (code: string, text: string) => translated(`catalogue.questions.${code}.text`, text),
    questionLabel: (code: string, label: string) => translated(`catalogue.questions.${code}.label`, label),
    unit: (code: string, unit: string) => translated(`catalogue.questions.${code}.unit`, unit),
    option: (question: string, option: string, label: string) =>
      translated(`catalogue.questions.${question}.options.${option}`, label),
    /** A checklist item: an expert's own request (free text) stays as the expert wrote it. */
    document: (item: { code: string | null; label: string; source?: string }) =>
      item.code && item.source !== 'expert'
        ? translated(`catalogue.documents.${item.code}`, item.label)
        : item.label,
  };
}
