import type { MailMessage } from '../../platform/mail/mailer';
import { MAIL_TEXTS, mailLanguage } from '../../platform/mail/texts';

const TEXTS = {
  fr: {
    verifySubject: 'Confirmez votre adresse e-mail',
    verify: (link: string) =>
      `Pour confirmer votre adresse e-mail, ouvrez ce lien (valable 24 heures) :\n${link}`,
    resetSubject: 'Réinitialisation de votre mot de passe',
    reset: (link: string) =>
      `Vous avez demandé à réinitialiser votre mot de passe. Ce lien est valable une heure et ne sert qu'une fois :\n${link}\n\nSi vous n'êtes pas à l'origine de cette demande, ignorez ce message.`,
    changedSubject: 'Votre mot de passe a été modifié',
    changed:
      "Le mot de passe de votre compte vient d'être modifié et vos autres sessions ont été fermées. Si vous n'êtes pas à l'origine de ce changement, contactez immédiatement le support.",
  },
  en: {
    verifySubject: 'Confirm your e-mail address',
    verify: (link: string) => `To confirm your e-mail address, open this link (valid for 24 hours):\n${link}`,
    resetSubject: 'Resetting your password',
    reset: (link: string) =>
      `You asked to reset your password. This link is valid for one hour and works once:\n${link}\n\nIf you did not ask for this, ignore this message.`,
    changedSubject: 'Your password was changed',
    changed:
      'The password of your account was just changed and your other sessions were closed. If you did not make this change, contact support at once.',
  },
} as const;

const mail = (to: string, locale: string, pick: (texts: (typeof TEXTS)['fr' | 'en']) => [string, string]) => {
  const language = mailLanguage(locale);
  const [subject, text] = pick(TEXTS[language]);
  const common = MAIL_TEXTS[language];
  return { to, subject, text: `${common.greeting}\n\n${text}${common.signature}` };
};

/** The account e-mails, in the user's language (`users.locale`, French by default). */
export const authMails = {
  verifyEmail: (to: string, locale: string, link: string): MailMessage =>
    mail(to, locale, (t) => [t.verifySubject, t.verify(link)]),
  passwordReset: (to: string, locale: string, link: string): MailMessage =>
    mail(to, locale, (t) => [t.resetSubject, t.reset(link)]),
  passwordChanged: (to: string, locale: string): MailMessage =>
    mail(to, locale, (t) => [t.changedSubject, t.changed]),
};
