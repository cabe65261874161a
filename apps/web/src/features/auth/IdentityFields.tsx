import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/ui';

/** Company (or firm), SIREN, contact and e-mail fields shared by both sign-up forms. */
export function IdentityFields({
  organisationField,
  errors,
  phoneRequired,
}: {
  organisationField: 'companyName' | 'firmName';
  errors: Record<string, string>;
  phoneRequired: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="grid-2">
      <TextField
        label={t(`auth.${organisationField}`)}
        name={organisationField}
        autoComplete="organization"
        required
        error={errors[organisationField]}
      />
      <TextField
        label={t('auth.siren')}
        name="siren"
        inputMode="numeric"
        hint={t('auth.sirenHint')}
        required
        error={errors.siren}
      />
      <TextField
        label={t('auth.firstName')}
        name="firstName"
        autoComplete="given-name"
        required
        error={errors.firstName}
      />
      <TextField
        label={t('auth.lastName')}
        name="lastName"
        autoComplete="family-name"
        required
        error={errors.lastName}
      />
      <TextField
        label={t('auth.email')}
        name="email"
        type="email"
        autoComplete="email"
        required
        error={errors.email}
      />
      <TextField
        label={t('auth.phone')}
        name="phone"
        type="tel"
        autoComplete="tel"
        required={phoneRequired}
        error={errors.phone}
      />
    </div>
  );
}
