import { type NoticeLanguage, type NoticeParams, renderNotice } from '@ft/contracts';
import type { MailMessage } from '../../platform/mail/mailer';
import { MAIL_TEXTS } from '../../platform/mail/texts';

type Emailed = {
  title: string;
  body: string;
  template: string | null;
  params: NoticeParams | null;
  link: string | null;
};

const TEXTS = {
  fr: {
    footer: (publicUrl: string) =>
      `Vous recevez cet e-mail selon vos préférences de notification : ${publicUrl}/compte`,
    see: 'Voir :',
    subject: (count: number) =>
      count === 1 ? 'Vous avez un nouveau message' : `Vous avez ${count} nouveaux messages`,
    intro: (count: number) =>
      `${count === 1 ? 'Un message vous attend' : `${count} messages vous attendent`} sur FinancialTracker :`,
  },
  en: {
    footer: (publicUrl: string) =>
      `You receive this e-mail as your notification preferences say: ${publicUrl}/compte`,
    see: 'See:',
    subject: (count: number) => (count === 1 ? 'You have a new message' : `You have ${count} new messages`),
    intro: (count: number) =>
      `${count === 1 ? 'A message is waiting for you' : `${count} messages are waiting for you`} on FinancialTracker:`,
  },
} satisfies Record<NoticeLanguage, unknown>;

/** The notification in the recipient's language; a row older than templates keeps its French text. */
const textOf = (item: Emailed, language: NoticeLanguage) =>
  (item.template && renderNotice(language, item.template, item.params ?? {})) || {
    title: item.title,
    body: item.body,
  };

const linkLine = (see: string, publicUrl: string, link: string | null) =>
  link ? `\n${see} ${publicUrl}${link}\n` : '';

/** The e-mails the notification delivery job sends, in the recipient's language. */
export const notificationMails = {
  single(to: string, language: NoticeLanguage, publicUrl: string, item: Emailed): MailMessage {
    const words = TEXTS[language];
    const { title, body } = textOf(item, language);
    const common = MAIL_TEXTS[language];
    return {
      to,
      subject: title,
      text: `${common.greeting}\n\n${body || title}\n${linkLine(words.see, publicUrl, item.link)}\n${words.footer(publicUrl)}${common.signature}`,
    };
  },

  /** Every unread message of a burst in one e-mail. */
  messages(to: string, language: NoticeLanguage, publicUrl: string, items: readonly Emailed[]): MailMessage {
    const words = TEXTS[language];
    const common = MAIL_TEXTS[language];
    const count = items.length;
    const lines = items.map((item) => {
      const { title, body } = textOf(item, language);
      const link = linkLine(words.see, publicUrl, item.link).trimEnd().replace('\n', '\n  ');
      return `• ${title}${body ? ` — ${body}` : ''}${link}`;
    });
    return {
      to,
      subject: words.subject(count),
      text: `${common.greeting}\n\n${words.intro(count)}\n\n${lines.join('\n')}\n\n${words.footer(publicUrl)}${common.signature}`,
    };
  },
};
