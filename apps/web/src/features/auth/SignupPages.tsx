import type { AuthResponse } from '@ft/contracts';
import { productCodes } from '@ft/contracts/product-codes';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Alert, Button, Card, Checkbox, TextAreaField, TextField } from '../../components/ui';
import { api } from '../../lib/api';
import { useFormSubmit } from '../../lib/forms';
import { usePageTitle } from '../../lib/page-title';
import { useSessionStarted } from '../../lib/session';
import { ConsentFields, ticked } from './ConsentFields';
import { IdentityFields } from './IdentityFields';

function useSignup(path: string, toBody: (values: Record<string, string | string[]>) => unknown) {
  const navigate = useNavigate();
  const started = useSessionStarted();
  return useFormSubmit(
    (values) => api.post<AuthResponse>(path, toBody(values)),
    async (response) => {
      await started(response);
      void navigate('/espace');
    },
  );
}

export function ClientSignupPage() {
  const { t } = useTranslation();
  usePageTitle(t('auth.signupTitle'));
  const form = useSignup('/api/auth/signup/client', (v) => ({
    email: v.email,
    password: v.password,
    companyName: v.companyName,
    siren: v.siren,
    firstName: v.firstName,
    lastName: v.lastName,
    phone: v.phone,
    acceptTerms: ticked(v.acceptTerms),
    acceptPrivacy: ticked(v.acceptPrivacy),
  }));
  const e = form.fieldErrors;
  return (
    <div className="container page">
      <Card className="auth-card-wide">
        <h1>{t('auth.signupTitle')}</h1>
        <p className="muted">{t('auth.signupLead')}</p>
        <form className="stack" onSubmit={form.onSubmit} noValidate>
          {form.formError && <Alert tone="danger">{form.formError}</Alert>}
          <IdentityFields organisationField="companyName" errors={e} phoneRequired={true} />
          <TextField
            label={t('auth.password')}
            name="password"
            type="password"
            autoComplete="new-password"
            hint={t('auth.passwordHint')}
            required
            error={e.password}
          />
          <ConsentFields errors={e} />
          <Button type="submit" block loading={form.pending}>
            {t('auth.signupSubmit')}
          </Button>
        </form>
        <p className="mt-5">
          {t('auth.haveAccount')} <Link to="/connexion">{t('nav.login')}</Link>
        </p>
      </Card>
    </div>
  );
}

export function ExpertSignupPage() {
  const { t } = useTranslation();
  usePageTitle(t('auth.expertSignupTitle'));
  const form = useSignup('/api/auth/signup/expert', (v) => ({
    email: v.email,
    password: v.password,
    firmName: v.firmName,
    siren: v.siren,
    firstName: v.firstName,
    lastName: v.lastName,
    phone: v.phone || undefined,
    productCodes: Array.isArray(v.productCodes) ? v.productCodes : [],
    yearsOfExperience: Number(v.yearsOfExperience),
    bio: v.bio ?? '',
    acceptTerms: ticked(v.acceptTerms),
    acceptPrivacy: ticked(v.acceptPrivacy),
  }));
  const e = form.fieldErrors;
  const productError = Object.entries(e).find(([field]) => field.startsWith('productCodes'))?.[1];
  return (
    <div className="container page">
      <Card className="auth-card-wide">
        <h1>{t('auth.expertSignupTitle')}</h1>
        <p className="muted">{t('auth.expertSignupLead')}</p>
        <form className="stack" onSubmit={form.onSubmit} noValidate>
          {form.formError && <Alert tone="danger">{form.formError}</Alert>}
          <IdentityFields organisationField="firmName" errors={e} phoneRequired={false} />
          <fieldset className="field">
            <legend className="field-label">{t('auth.products')}</legend>
            <div className="grid-2">
              {productCodes
                .filter((code) => code !== 'CEE')
                .map((code) => (
                  <Checkbox key={code} name="productCodes" value={code} label={t(`products.${code}`)} />
                ))}
            </div>
            {productError && <span className="field-error">{productError}</span>}
          </fieldset>
          <TextField
            label={t('auth.years')}
            name="yearsOfExperience"
            type="number"
            min={0}
            max={70}
            required
            error={e.yearsOfExperience}
          />
          <TextAreaField label={t('auth.bio')} name="bio" hint={t('auth.bioHint')} error={e.bio} />
          <TextField
            label={t('auth.password')}
            name="password"
            type="password"
            autoComplete="new-password"
            hint={t('auth.passwordHint')}
            required
            error={e.password}
          />
          <ConsentFields errors={e} />
          <Button type="submit" block loading={form.pending}>
            {t('auth.expertSignupSubmit')}
          </Button>
        </form>
      </Card>
    </div>
  );
}
