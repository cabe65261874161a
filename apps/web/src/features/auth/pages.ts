export { PrivacyPage, TermsPage } from './LegalPages';
export { LoginPage } from './LoginPage';
export { ForgotPasswordPage, ResetPasswordPage, VerifyEmailPage } from './PasswordPages';
export { EnrolSecondFactorPage, SecondFactorPage } from './SecondFactorPages';
export { ClientSignupPage, ExpertSignupPage } from './SignupPages';
