import type { ProductResultView } from '@ft/contracts';
import { useTranslation } from 'react-i18next';
import { formatDate } from './format';

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
  /**
   * A simulation result's sentences: French reads the engine's own; another language says them
   * from the result's basis (which case or rule of the catalogue made them), per product in
   * en.json `catalogue.results`, else a general sentence of `catalogue.basis`.
   */
  const result = (product: ProductResultView) => {
    const basis = product.basis;
    if (i18n.language === 'fr') {
      return { explanation: product.explanation, claimByText: product.claimByText, reason: product.reason };
    }
    const own = `catalogue.results.${product.code}`;
    const general = `catalogue.basis.${basis?.kind ?? (product.eligible ? 'amount' : 'condition')}`;
    const say = (key: string | undefined, fallback: string | null, values?: Record<string, unknown>) =>
      key && i18n.exists(key) ? t(key, values) : fallback;
    const at = basis?.case === undefined ? undefined : `${own}.cases.${basis.case}`;
    const deadline = basis?.deadline;
    const values = {
      year: deadline?.year,
      date: deadline?.date ? formatDate(deadline.date, i18n.language) : '',
    };
    const deadlineKey = basis?.kind === 'otherwise' ? `${own}.otherwiseDeadline` : at && `${at}.deadline`;
    const claimByText = product.claimByText === null ? null : say(deadlineKey, null, values);
    if (!product.eligible) {
      const specific =
        basis?.kind === 'ineligible'
          ? `${own}.ineligible.${basis.rule}`
          : basis?.kind === 'zero'
            ? `${at}.zero`
            : undefined;
      return { explanation: '', claimByText: null, reason: say(specific, t(general)) ?? '' };
    }
    const explanation =
      basis?.kind === 'otherwise'
        ? say(`${own}.otherwise`, t(general))
        : [t(general), say(at && `${at}.note`, null)].filter(Boolean).join(' ');
    return { explanation: explanation ?? '', claimByText, reason: undefined };
  };
  return {
    result,
    product: (code: string | null | undefined, name: string) =>
      code ? translated(`catalogue.products.${code}`, name) : name,
    /** A product's category; categories have no code, so the French label is the key. */
    category: (label: string) => (label ? translated(`catalogue.categories.${label}`, label) : label),
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
