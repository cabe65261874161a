export { LoginPage } from './LoginPage';
export { ForgotPasswordPage, ResetPasswordPage, VerifyEmailPage } from './PasswordPages';
export { ClientSignupPage, ExpertSignupPage } from './SignupPages';
