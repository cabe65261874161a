import type { MailMessage } from '../../platform/mail/mailer';
import { MAIL_TEXTS, mailLanguage } from '../../platform/mail/texts';

/** The data-rights e-mails (export ready, deletion scheduled), in the user's language. */
export const privacyMails = {
  exportReady(to: string, locale: string, link: string): MailMessage {
    const language = mailLanguage(locale);
    const { greeting } = MAIL_TEXTS[language];
    return language === 'en'
      ? {
          to,
          subject: 'Your FinancialTracker data is ready',
          text: `${greeting}\n\nThe archive of your data is ready. Download it (sign-in required) from this link, valid for 7 days:\n${link}\n\nThe FinancialTracker team`,
        }
      : {
          to,
          subject: 'Vos données FinancialTracker sont prêtes',
          text: `${greeting}\n\nL'archive de vos données est prête. Téléchargez-la (connexion requise) depuis ce lien, valable 7 jours :\n${link}\n\nL'équipe FinancialTracker`,
        };
  },

  deletionScheduled(to: string, locale: string, dueAt: Date): MailMessage {
    const language = mailLanguage(locale);
    const { greeting } = MAIL_TEXTS[language];
    return language === 'en'
      ? {
          to,
          subject: 'Deletion of your FinancialTracker account',
          text: `${greeting}\n\nYour account will be deleted on ${dueAt.toLocaleDateString('en-GB')}. Until then, sign in and cancel the deletion from “My account” if you change your mind.\n\nThe FinancialTracker team`,
        }
      : {
          to,
          subject: 'Suppression de votre compte FinancialTracker',
          text: `${greeting}\n\nVotre compte sera supprimé le ${dueAt.toLocaleDateString('fr-FR')}. D'ici là, connectez-vous et annulez la suppression depuis « Mon compte » si vous changez d'avis.\n\nL'équipe FinancialTracker`,
        };
  },
};
