import { isProductCode, productCodes } from '@ft/contracts/product-codes';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Alert, Button, Card, Checkbox, TextAreaField, TextField } from '../../components/ui';
import { apiRequest } from '../../lib/client';
import { listOf, textOf, useFormSubmit } from '../../lib/forms';
import { usePageTitle } from '../../lib/page-title';
import type { BodyOf } from '../../lib/routes';
import { useSessionStarted } from '../../lib/session';
import { ConsentFields, ticked } from './ConsentFields';
import { IdentityFields } from './IdentityFields';

type Values = Record<string, string | string[]>;
type Signup =
  | { role: 'client'; toBody: (values: Values) => BodyOf<'POST /api/auth/signup/client'> }
  | { role: 'expert'; toBody: (values: Values) => BodyOf<'POST /api/auth/signup/expert'> };

function useSignup(signup: Signup) {
  const navigate = useNavigate();
  const started = useSessionStarted();
  // The account's e-mails (the first: the address check) are written in the language on screen.
  const { i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'fr';
  return useFormSubmit(
    (values) =>
      signup.role === 'client'
        ? apiRequest('POST /api/auth/signup/client', { body: { ...signup.toBody(values), language } })
        : apiRequest('POST /api/auth/signup/expert', { body: { ...signup.toBody(values), language } }),
    async (response) => {
      await started(response);
      void navigate('/espace');
    },
  );
}

export function ClientSignupPage() {
  const { t } = useTranslation();
  usePageTitle(t('auth.signupTitle'));
  const form = useSignup({
    role: 'client',
    toBody: (v) => ({
      email: textOf(v.email),
      password: textOf(v.password),
      companyName: textOf(v.companyName),
      siren: textOf(v.siren),
      firstName: textOf(v.firstName),
      lastName: textOf(v.lastName),
      phone: textOf(v.phone),
      acceptTerms: ticked(v.acceptTerms),
      acceptPrivacy: ticked(v.acceptPrivacy),
    }),
  });
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
  const form = useSignup({
    role: 'expert',
    toBody: (v) => ({
      email: textOf(v.email),
      password: textOf(v.password),
      firmName: textOf(v.firmName),
      siren: textOf(v.siren),
      firstName: textOf(v.firstName),
      lastName: textOf(v.lastName),
      phone: textOf(v.phone) || undefined,
      productCodes: listOf(v.productCodes).filter(isProductCode),
      yearsOfExperience: Number(v.yearsOfExperience),
      bio: textOf(v.bio),
      acceptTerms: ticked(v.acceptTerms),
      acceptPrivacy: ticked(v.acceptPrivacy),
    }),
  });
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
