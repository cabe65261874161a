import type { MailMessage } from '../../platform/mail/mailer';

const signature = "\n\n— L'équipe FinancialTracker";

/** The account e-mails, in French (the product's language). */
export const authMails = {
  verifyEmail: (to: string, link: string): MailMessage => ({
    to,
    subject: 'Confirmez votre adresse e-mail',
    text: `Bonjour,\n\nPour confirmer votre adresse e-mail, ouvrez ce lien (valable 24 heures) :\n${link}${signature}`,
  }),
  passwordReset: (to: string, link: string): MailMessage => ({
    to,
    subject: 'Réinitialisation de votre mot de passe',
    text: `Bonjour,\n\nVous avez demandé à réinitialiser votre mot de passe. Ce lien est valable une heure et ne sert qu'une fois :\n${link}\n\nSi vous n'êtes pas à l'origine de cette demande, ignorez ce message.${signature}`,
  }),
  passwordChanged: (to: string): MailMessage => ({
    to,
    subject: 'Votre mot de passe a été modifié',
    text: `Bonjour,\n\nLe mot de passe de votre compte vient d'être modifié et vos autres sessions ont été fermées. Si vous n'êtes pas à l'origine de ce changement, contactez immédiatement le support.${signature}`,
  }),
};
