import type { FeeEstimate } from '@ft/contracts';
import { useTranslation } from 'react-i18next';
import { formatCents } from '../../lib/format';

/** "28 %" in the reader's language. */
export const formatRate = (bps: number, language: string) =>
  `${new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: 2 }).format(bps / 100)} %`;

/**
 * The fee before the client commits: rate, fee excl. and incl. VAT on the audited amount (or the
 * quote), and who pays whom — the client pays the platform, which passes the expert's share on.
 */
export function FeeSummary({ fees, expertName }: { fees: FeeEstimate; expertName: string }) {
  const { t, i18n } = useTranslation();
  const money = (cents: number) => formatCents(cents, i18n.language);
  return (
    <section className="fee-summary" aria-label={t('fees.title')}>
      <h3>{t(fees.frozen ? 'fees.titleFrozen' : 'fees.title')}</h3>
      <dl className="fee-lines">
        {fees.clientFeeRateBps !== null ? (
          <>
            <dt>{t('fees.rate')}</dt>
            <dd>
              {t('fees.rateOf', {
                rate: formatRate(fees.clientFeeRateBps, i18n.language),
                base: money(fees.baseCents),
              })}
            </dd>
          </>
        ) : (
          <>
            <dt>{t('fees.quote')}</dt>
            <dd>{money(fees.baseCents)}</dd>
          </>
        )}
        <dt>{t('fees.exclVat')}</dt>
        <dd>{money(fees.feeExclVatCents)}</dd>
        <dt>{t('fees.vat')}</dt>
        <dd>{money(fees.vatCents)}</dd>
        <dt>
          <strong>{t('fees.inclVat')}</strong>
        </dt>
        <dd>
          <strong>{money(fees.totalInclVatCents)}</strong>
        </dd>
      </dl>
      <p className="field-hint">
        {t('fees.whoPays', {
          total: money(fees.totalInclVatCents),
          net: money(fees.expertNetCents),
          expert: expertName,
          commission: money(fees.platformCommissionCents),
          platformRate: formatRate(fees.platformFeeRateBps, i18n.language),
        })}
      </p>
      {!fees.frozen && fees.clientFeeRateBps !== null && (
        <p className="field-hint">{t('fees.estimateNote')}</p>
      )}
    </section>
  );
}
