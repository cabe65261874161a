import type { ClientProfile, ExpertProfile } from '@ft/contracts';
import { isProductCode, productCodes } from '@ft/contracts/product-codes';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Checkbox, TextAreaField, TextField, useToast } from '../../components/ui';
import { apiRequest } from '../../lib/client';
import { listOf, textOf, useFormSubmit } from '../../lib/forms';
import type { BodyOf } from '../../lib/routes';
import { sessionKeys } from '../../lib/session';

type Values = Record<string, string | string[]>;
type ProfileUpdate =
  | { kind: 'client'; toBody: (values: Values) => BodyOf<'PATCH /api/clients/me/profile'> }
  | { kind: 'expert'; toBody: (values: Values) => BodyOf<'PATCH /api/experts/me/profile'> };

function useProfileSave(update: ProfileUpdate) {
  const { t } = useTranslation();
  const notify = useToast();
  const queryClient = useQueryClient();
  return useFormSubmit<unknown>(
    (values) =>
      update.kind === 'client'
        ? apiRequest('PATCH /api/clients/me/profile', { body: update.toBody(values) })
        : apiRequest('PATCH /api/experts/me/profile', { body: update.toBody(values) }),
    () => {
      notify(t('common.saved'), 'success');
      void queryClient.invalidateQueries({ queryKey: sessionKeys.me });
    },
  );
}

export function ClientProfileForm({ profile }: { profile: ClientProfile }) {
  const { t } = useTranslation();
  const form = useProfileSave({
    kind: 'client',
    toBody: (v) => ({
      companyName: textOf(v.companyName),
      firstName: textOf(v.firstName),
      lastName: textOf(v.lastName),
      phone: textOf(v.phone),
      address: textOf(v.address) || null,
      sector: textOf(v.sector) || null,
      // Billing fields are sent once filled: each is required on an invoice, none on its own.
      ...(textOf(v.billingStreet) ? { billingStreet: textOf(v.billingStreet) } : {}),
      ...(textOf(v.billingPostcode) ? { billingPostcode: textOf(v.billingPostcode) } : {}),
      ...(textOf(v.billingCity) ? { billingCity: textOf(v.billingCity) } : {}),
      ...(textOf(v.vatNumber) ? { vatNumber: textOf(v.vatNumber) } : {}),
    }),
  });
  const e = form.fieldErrors;
  return (
    <Card title={t('account.profileTitle')}>
      <form className="stack" onSubmit={form.onSubmit} noValidate>
        {form.formError && <Alert tone="danger">{form.formError}</Alert>}
        <div className="grid-2">
          <TextField
            label={t('auth.companyName')}
            name="companyName"
            defaultValue={profile.companyName}
            required
            error={e.companyName}
          />
          <TextField label={t('account.siren')} name="siren" defaultValue={profile.siren} readOnly />
          <TextField
            label={t('auth.firstName')}
            name="firstName"
            defaultValue={profile.firstName}
            required
            error={e.firstName}
          />
          <TextField
            label={t('auth.lastName')}
            name="lastName"
            defaultValue={profile.lastName}
            required
            error={e.lastName}
          />
          <TextField
            label={t('auth.phone')}
            name="phone"
            type="tel"
            defaultValue={profile.phone}
            required
            error={e.phone}
          />
          <TextField
            label={t('account.sector')}
            name="sector"
            defaultValue={profile.sector ?? ''}
            error={e.sector}
          />
        </div>
        <TextAreaField
          label={t('account.address')}
          name="address"
          defaultValue={profile.address ?? ''}
          error={e.address}
        />
        <fieldset className="field">
          <legend className="field-label">{t('billing.title')}</legend>
          <p className="field-hint">{t('billing.why')}</p>
          <div className="grid-2">
            <TextField
              label={t('billing.street')}
              name="billingStreet"
              autoComplete="street-address"
              defaultValue={profile.billingStreet ?? ''}
              error={e.billingStreet}
            />
            <TextField
              label={t('billing.postcode')}
              name="billingPostcode"
              inputMode="numeric"
              autoComplete="postal-code"
              defaultValue={profile.billingPostcode ?? ''}
              error={e.billingPostcode}
            />
            <TextField
              label={t('billing.city')}
              name="billingCity"
              autoComplete="address-level2"
              defaultValue={profile.billingCity ?? ''}
              error={e.billingCity}
            />
            <TextField
              label={t('billing.vatNumber')}
              name="vatNumber"
              hint={t('billing.vatHint')}
              defaultValue={profile.vatNumber ?? ''}
              error={e.vatNumber}
            />
          </div>
        </fieldset>
        <div>
          <Button type="submit" loading={form.pending}>
            {t('common.save')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

export function ExpertProfileForm({ profile }: { profile: ExpertProfile }) {
  const { t } = useTranslation();
  const form = useProfileSave({
    kind: 'expert',
    toBody: (v) => ({
      firmName: textOf(v.firmName),
      firstName: textOf(v.firstName),
      lastName: textOf(v.lastName),
      phone: textOf(v.phone) || null,
      meetingLink: textOf(v.meetingLink) || null,
      productCodes: listOf(v.productCodes).filter(isProductCode),
      yearsOfExperience: Number(v.yearsOfExperience),
      bio: textOf(v.bio),
    }),
  });
  const e = form.fieldErrors;
  const productError = Object.entries(e).find(([field]) => field.startsWith('productCodes'))?.[1];
  return (
    <Card title={t('account.profileTitle')}>
      <form className="stack" onSubmit={form.onSubmit} noValidate>
        {form.formError && <Alert tone="danger">{form.formError}</Alert>}
        <div className="grid-2">
          <TextField
            label={t('auth.firmName')}
            name="firmName"
            defaultValue={profile.firmName}
            required
            error={e.firmName}
          />
          <TextField label={t('account.siren')} name="siren" defaultValue={profile.siren} readOnly />
          <TextField
            label={t('auth.firstName')}
            name="firstName"
            defaultValue={profile.firstName}
            required
            error={e.firstName}
          />
          <TextField
            label={t('auth.lastName')}
            name="lastName"
            defaultValue={profile.lastName}
            required
            error={e.lastName}
          />
          <TextField
            label={t('auth.phone')}
            name="phone"
            type="tel"
            defaultValue={profile.phone ?? ''}
            error={e.phone}
          />
          <TextField
            label={t('account.meetingLink')}
            name="meetingLink"
            type="url"
            placeholder="https://"
            hint={t('account.meetingLinkHint')}
            defaultValue={profile.meetingLink ?? ''}
            error={e.meetingLink}
          />
          <TextField
            label={t('auth.years')}
            name="yearsOfExperience"
            type="number"
            min={0}
            max={70}
            defaultValue={profile.yearsOfExperience}
            error={e.yearsOfExperience}
          />
        </div>
        <fieldset className="field">
          <legend className="field-label">{t('auth.products')}</legend>
          <div className="grid-2">
            {productCodes
              .filter((code) => code !== 'CEE')
              .map((code) => (
                <Checkbox
                  key={code}
                  name="productCodes"
                  value={code}
                  label={t(`products.${code}`)}
                  defaultChecked={profile.productCodes.includes(code)}
                />
              ))}
          </div>
          {productError && <span className="field-error">{productError}</span>}
        </fieldset>
        <TextAreaField label={t('auth.bio')} name="bio" defaultValue={profile.bio} error={e.bio} />
        <div>
          <Button type="submit" loading={form.pending}>
            {t('common.save')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
