import type { MailMessage } from '../../platform/mail/mailer';

type Emailed = { title: string; body: string; link: string | null };

const FOOTER = (publicUrl: string) =>
  `Vous recevez cet e-mail selon vos préférences de notification : ${publicUrl}/compte\n\n— L'équipe FinancialTracker`;

const linkLine = (publicUrl: string, link: string | null) => (link ? `\nVoir : ${publicUrl}${link}\n` : '');

/** The e-mails the notification delivery job sends. */
export const notificationMails = {
  single(to: string, publicUrl: string, item: Emailed): MailMessage {
    return {
      to,
      subject: item.title,
      text: `Bonjour,\n\n${item.body || item.title}\n${linkLine(publicUrl, item.link)}\n${FOOTER(publicUrl)}`,
    };
  },

  /** Every unread message of a burst in one e-mail. */
  messages(to: string, publicUrl: string, items: readonly Emailed[]): MailMessage {
    const count = items.length;
    const lines = items.map(
      (item) =>
        `• ${item.title}${item.body ? ` — ${item.body}` : ''}${linkLine(publicUrl, item.link).trimEnd().replace('\n', '\n  ')}`,
    );
    return {
      to,
      subject: count === 1 ? 'Vous avez un nouveau message' : `Vous avez ${count} nouveaux messages`,
      text: `Bonjour,\n\n${count === 1 ? 'Un message vous attend' : `${count} messages vous attendent`} sur FinancialTracker :\n\n${lines.join('\n')}\n\n${FOOTER(publicUrl)}`,
    };
  },
};
