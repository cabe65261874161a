import { LEGAL_VERSIONS, type LegalDocument } from '@ft/contracts/ui-constants';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Checkbox } from '../../components/ui';
import { formatDate } from '../../lib/format';

export const LEGAL_PATHS: Record<LegalDocument, string> = {
  terms: '/conditions-utilisation',
  privacy: '/confidentialite',
};

/** `acceptTerms` / `acceptPrivacy` checkboxes, each linking to its text and naming its version. */
export function ConsentFields({
  documents = ['terms', 'privacy'],
  errors,
}: {
  documents?: readonly LegalDocument[];
  errors: Record<string, string | undefined>;
}) {
  const { t, i18n } = useTranslation();
  return (
    <fieldset className="field">
      <legend className="visually-hidden">{t('legal.consentLegend')}</legend>
      {documents.map((document) => {
        const field = document === 'terms' ? 'acceptTerms' : 'acceptPrivacy';
        return (
          <div key={document}>
            <Checkbox
              name={field}
              required
              aria-invalid={errors[field] ? true : undefined}
              label={
                <Trans
                  i18nKey={`legal.accept.${document}`}
                  values={{ version: formatDate(LEGAL_VERSIONS[document], i18n.language) }}
                  components={{ doc: <Link to={LEGAL_PATHS[document]} target="_blank" rel="noopener" /> }}
                />
              }
            />
            {errors[field] && <span className="field-error">{errors[field]}</span>}
          </div>
        );
      })}
    </fieldset>
  );
}

/** A checkbox group reads as an array of values: ticked means present. */
export const ticked = (value: string | string[] | undefined) => (value?.length ?? 0) > 0;
