import { isNoticeLanguage, type NoticeLanguage } from '@ft/contracts';

/** The words every e-mail shares, in each language a recipient may have chosen. */
export const MAIL_TEXTS: Record<NoticeLanguage, { greeting: string; signature: string }> = {
  fr: { greeting: 'Bonjour,', signature: "\n\n— L'équipe FinancialTracker" },
  en: { greeting: 'Hello,', signature: '\n\n— The FinancialTracker team' },
};

/** A user's `locale` column as a mail language; French for anything else (the product's language). */
export const mailLanguage = (locale: string | null | undefined): NoticeLanguage =>
  isNoticeLanguage(locale) ? locale : 'fr';
