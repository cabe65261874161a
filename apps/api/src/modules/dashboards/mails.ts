import { CATALOGUE_NAMES_EN, type NoticeLanguage } from '@ft/contracts';
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

/** A dossier past its SLA, as the daily digest lists it. */
export type LateDossier = {
  id: string;
  status: string;
  status_changed_at: Date;
  product_code: string;
  name: string;
  company_name: string;
};

/** Which wait ran over, by status, in each language (the SLAs of the dossier workflow spec). */
const LATE_WAITS: Record<NoticeLanguage, Record<string, string>> = {
  fr: {
    pending_admin_review: 'en revue depuis plus de 48 h',
    expert_proposed: "sans réponse de l'expert depuis plus de 48 h",
    documents_requested: 'pièces attendues depuis plus de 7 jours',
  },
  en: {
    pending_admin_review: 'in review for more than 48 hours',
    expert_proposed: 'awaiting the expert’s answer for more than 48 hours',
    documents_requested: 'documents awaited for more than 7 days',
  },
};

/** The daily digest of dossiers past their deadline, in the admin's language. */
export function slaDigestMail(
  admin: { email: string; locale: string },
  late: LateDossier[],
  publicUrl: string,
): MailMessage {
  const language = mailLanguage(admin.locale);
  const { greeting, signature } = MAIL_TEXTS[language];
  const date = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'fr-FR', {
    dateStyle: 'short',
    timeZone: 'Europe/Paris',
  });
  const lines = late.map((d) => {
    const product = language === 'en' ? (CATALOGUE_NAMES_EN.products[d.product_code] ?? d.name) : d.name;
    const wait = LATE_WAITS[language][d.status] ?? d.status;
    const since = language === 'en' ? 'since' : 'depuis le';
    const colon = language === 'en' ? ':' : ' :';
    return `- ${d.company_name} · ${product} · ${wait} (${since} ${date.format(d.status_changed_at)})${colon} ${publicUrl}/dossiers/${d.id}`;
  });
  if (language === 'en')
    return {
      to: admin.email,
      subject: `${late.length} case(s) past their deadline`,
      text: `${greeting}\n\nThese cases are past their deadline (review 48 h, expert's answer 48 h, documents 7 days):\n\n${lines.join('\n')}${signature}`,
    };
  return {
    to: admin.email,
    subject: `${late.length} dossier(s) hors délai`,
    text: `${greeting}\n\nCes dossiers ont dépassé leur délai (revue 48 h, réponse de l'expert 48 h, pièces 7 jours) :\n\n${lines.join('\n')}${signature}`,
  };
}
