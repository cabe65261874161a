import { CATALOGUE_NAMES_EN } from '@ft/contracts';
import type { MailMessage } from '../../platform/mail/mailer';
import { MAIL_TEXTS, mailLanguage } from '../../platform/mail/texts';

/** The reminder of documents an expert has awaited `days` days, in the client's language. */
export function uploadReminderMail(
  client: { email: string; locale: string; code: string; name: string },
  days: number,
  link: string,
): MailMessage {
  const language = mailLanguage(client.locale);
  const { greeting, signature } = MAIL_TEXTS[language];
  if (language === 'en') {
    const product = CATALOGUE_NAMES_EN.products[client.code] ?? client.name;
    return {
      to: client.email,
      subject: `Reminder: documents are awaited for “${product}”`,
      text: `${greeting}\n\nYour expert has been waiting for documents for ${days} days. Upload them from your case so that it can move on:\n${link}${signature}`,
    };
  }
  return {
    to: client.email,
    subject: `Rappel : des pièces sont attendues pour « ${client.name} »`,
    text: `${greeting}\n\nVotre expert attend des pièces depuis ${days} jours. Déposez-les depuis votre dossier pour qu'il puisse avancer :\n${link}${signature}`,
  };
}
