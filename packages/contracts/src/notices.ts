import { CATALOGUE_NAMES_EN } from './catalogue-names';

/**
 * The texts of every notification, in each language the platform speaks, keyed by template. A
 * notification is stored with its template and parameters (product code and name, dates, the
 * reason a person typed…); the SPA renders it in the reader's language, the e-mail job in the
 * recipient's, and the API keeps the French rendering as the stored title and body (history, old
 * clients). No zod here: the SPA imports this module.
 *
 * Placeholders are `{{name}}`. A text may take a plural (`one`/`other`, chosen by `count`) and a
 * `withReason` variant used when a reason was typed. Derived placeholders (see `renderNotice`):
 * `{{when}}` from `startsAt`, `endsAt`, `timeZone`; `{{date}}` from `claimBy`. Names in parameters
 * (`product`, `document`) come with their code (`productCode`, `documentCode`) so a reader's
 * language can name them (see `renderNotice`).
 */
export const NOTICE_LANGUAGES = ['fr', 'en'] as const;
export type NoticeLanguage = (typeof NOTICE_LANGUAGES)[number];
export const isNoticeLanguage = (value: unknown): value is NoticeLanguage =>
  (NOTICE_LANGUAGES as readonly unknown[]).includes(value);

type Plural = { one: string; other: string };
type Text = string | Plural;
export type NoticeTemplate = { title: Text; body: Text; withReason?: Text };
export type NoticeParams = Record<string, string | number | null>;

/** Who reads a dossier notice: the client of the dossier, or its expert / the platform's team. */
export type NoticeParty = 'client' | 'expert' | 'admin';

const DOSSIER_TITLE = {
  fr: { client: 'Votre dossier « {{product}} »', other: 'Dossier « {{product}} »' },
  en: { client: 'Your case “{{product}}”', other: 'Case “{{product}}”' },
} as const;

/** One sentence per dossier event and recipient; the keys are `dossier.<action>.<party>`. */
const DOSSIER_BODIES: Record<NoticeLanguage, Record<string, string>> = {
  fr: {
    'submit-for-review.expert': 'Le client a envoyé le dossier pour validation.',
    'validate-eligibility.client':
      'Votre dossier est validé : choisissez maintenant l’expert qui le traitera.',
    'reject-eligibility.client':
      'Votre dossier n’a pas été retenu par l’équipe : le motif est indiqué sur le dossier.',
    'propose-expert.expert': 'Un dossier vous est proposé : vous avez 48 heures pour répondre.',
    'propose-expert.client': 'Un expert a été proposé pour votre dossier : il a 48 heures pour répondre.',
    'accept-assignment.client':
      'L’expert a accepté votre dossier : il va vous demander les pièces nécessaires.',
    'decline-assignment.client': 'L’expert a décliné votre dossier : choisissez un autre expert.',
    'expire-proposal.client': 'L’expert n’a pas répondu à temps : choisissez un autre expert.',
    'expire-proposal.expert':
      'La proposition a expiré faute de réponse dans les 48 heures : le dossier a été rendu au client.',
    'request-documents.client':
      'Votre expert vous demande des pièces complémentaires : déposez-les sur le dossier.',
    'submit-documents.expert': 'Le client a transmis les pièces demandées : vous pouvez les examiner.',
    'start-audit.client': 'Votre expert a commencé l’audit de votre dossier.',
    'complete-audit.client': 'Votre expert a rendu son audit : acceptez-le ou contestez-le sur le dossier.',
    'approve-audit.expert':
      'Le client a accepté votre audit : vous pouvez déposer la demande auprès de l’administration.',
    'reject-audit.expert': 'Le client conteste votre audit : son motif est indiqué sur le dossier.',
    'file-claim.client': 'Votre expert a déposé la demande auprès de l’administration.',
    'record-decision.client':
      'L’administration a rendu sa décision sur votre demande : le détail est sur le dossier.',
    'confirm-refund.client': 'Votre remboursement est confirmé : la facture des honoraires est disponible.',
    'send-quote.client': 'Votre expert vous a envoyé un devis : acceptez-le ou refusez-le sur le dossier.',
    'accept-quote.expert': 'Le client a accepté votre devis : vous pouvez émettre la facture.',
    'decline-quote.expert': 'Le client a refusé votre devis : son motif est indiqué sur le dossier.',
    'issue-invoice.client': 'Votre expert a émis sa facture : elle est disponible sur le dossier.',
    'confirm-payment.client': 'Le paiement de votre facture est enregistré : votre dossier est terminé.',
    'confirm-payment.expert': 'Le client a réglé votre facture : le dossier est terminé.',
    'cancel.client': 'Votre dossier a été annulé.',
    'cancel.expert': 'Le dossier a été annulé : vous n’y avez plus accès.',
    'force-transition.client': 'L’équipe FinancialTracker a modifié le statut de votre dossier.',
    'force-transition.expert': 'L’équipe FinancialTracker a modifié le statut du dossier.',
    'rate-expert.expert': 'Le client a noté votre intervention.',
    'sign-mission.expert':
      'Le client a signé la lettre de mission : vous pouvez commencer l’audit (ou envoyer votre devis).',
    'sign-mandate.expert':
      'Le client a signé le mandat : vous pouvez agir pour lui auprès de l’administration.',
    'revoke-mandate.expert':
      'Votre mandat sur ce dossier est révoqué : vous ne pouvez plus agir pour le client auprès de l’administration.',
    'revoke-mandate.client':
      'Le mandat de votre expert est révoqué : il ne peut plus agir pour vous auprès de l’administration.',
  },
  en: {
    'submit-for-review.expert': 'The client sent the case for review.',
    'validate-eligibility.client': 'Your case is approved: now choose the expert who will handle it.',
    'reject-eligibility.client': 'Your case was not accepted by the team: the reason is given on the case.',
    'propose-expert.expert': 'A case is proposed to you: you have 48 hours to answer.',
    'propose-expert.client': 'An expert was proposed for your case: they have 48 hours to answer.',
    'accept-assignment.client': 'The expert accepted your case: they will ask you for the documents needed.',
    'decline-assignment.client': 'The expert declined your case: choose another expert.',
    'expire-proposal.client': 'The expert did not answer in time: choose another expert.',
    'expire-proposal.expert':
      'The proposal expired without an answer within 48 hours: the case went back to the client.',
    'request-documents.client': 'Your expert asks you for more documents: upload them on the case.',
    'submit-documents.expert': 'The client sent the requested documents: you can review them.',
    'start-audit.client': 'Your expert started the audit of your case.',
    'complete-audit.client': 'Your expert delivered the audit: accept or dispute it on the case.',
    'approve-audit.expert': 'The client accepted your audit: you can file the claim with the administration.',
    'reject-audit.expert': 'The client disputes your audit: the reason is given on the case.',
    'file-claim.client': 'Your expert filed the claim with the administration.',
    'record-decision.client': 'The administration decided on your claim: the details are on the case.',
    'confirm-refund.client': 'Your refund is confirmed: the fee invoice is available.',
    'send-quote.client': 'Your expert sent you a quote: accept or decline it on the case.',
    'accept-quote.expert': 'The client accepted your quote: you can issue the invoice.',
    'decline-quote.expert': 'The client declined your quote: the reason is given on the case.',
    'issue-invoice.client': 'Your expert issued their invoice: it is available on the case.',
    'confirm-payment.client': 'The payment of your invoice is recorded: your case is complete.',
    'confirm-payment.expert': 'The client paid your invoice: the case is complete.',
    'cancel.client': 'Your case was cancelled.',
    'cancel.expert': 'The case was cancelled: you no longer have access to it.',
    'force-transition.client': 'The FinancialTracker team changed the status of your case.',
    'force-transition.expert': 'The FinancialTracker team changed the status of the case.',
    'rate-expert.expert': 'The client rated your work.',
    'sign-mission.expert':
      'The client signed the engagement letter: you can start the audit (or send your quote).',
    'sign-mandate.expert': 'The client signed the mandate: you can act for them before the administration.',
    'revoke-mandate.expert':
      'Your mandate on this case is revoked: you can no longer act for the client before the administration.',
    'revoke-mandate.client':
      'Your expert’s mandate is revoked: they can no longer act for you before the administration.',
  },
};

/** The templates that are not dossier events: messages, appointments, documents, experts, deadlines. */
const OTHER_TEMPLATES: Record<NoticeLanguage, Record<string, NoticeTemplate>> = {
  fr: {
    'message.new.dossier': {
      title: { one: 'Nouveau message', other: '{{count}} nouveaux messages' },
      body: {
        one: 'Vous avez un message non lu sur le dossier {{product}}.',
        other: 'Vous avez {{count}} messages non lus sur le dossier {{product}}.',
      },
    },
    'message.new.support': {
      title: { one: 'Nouveau message', other: '{{count}} nouveaux messages' },
      body: {
        one: 'Vous avez un message non lu avec le support.',
        other: 'Vous avez {{count}} messages non lus avec le support.',
      },
    },
    'appointment.proposed': {
      title: 'Rendez-vous proposé – {{product}}',
      body: 'Un rendez-vous vous est proposé.\n{{when}}',
    },
    'appointment.counter-proposed': {
      title: 'Nouveau créneau proposé',
      body: 'Un autre créneau vous est proposé.\n{{when}}',
    },
    'appointment.rescheduled': {
      title: 'Rendez-vous déplacé',
      body: 'Le rendez-vous est déplacé : {{reason}}\n{{when}}',
    },
    'appointment.confirmed': {
      title: 'Rendez-vous confirmé',
      body: 'Le rendez-vous est confirmé.\n{{when}}',
    },
    'appointment.declined': {
      title: 'Rendez-vous refusé',
      body: 'Le rendez-vous proposé est refusé : {{reason}}\n{{when}}',
    },
    'appointment.cancelled': {
      title: 'Rendez-vous annulé',
      body: 'Le rendez-vous est annulé : {{reason}}\n{{when}}',
    },
    'appointment.reminder.hour': {
      title: 'Rappel : rendez-vous dans une heure',
      body: 'Votre rendez-vous sur le dossier commence dans une heure.\n{{when}}',
    },
    'appointment.reminder.day': {
      title: 'Rappel : rendez-vous demain',
      body: 'Votre rendez-vous sur le dossier commence demain.\n{{when}}',
    },
    'document.rejected': {
      title: 'Pièce à redéposer : {{document}}',
      body: 'La pièce « {{document}} » de votre dossier a été refusée (motif : {{reason}}). Déposez une nouvelle version depuis votre dossier.',
    },
    'dossier.deadline': {
      title: '{{product}} : à réclamer avant le {{date}}',
      // `note`: the catalogue's own sentence about the deadline (French), when it has one.
      body: 'Il reste {{days}} jours. {{note}}',
    },
    'expert.approve': {
      title: 'Votre compte expert est validé',
      body: 'Votre compte expert a été validé. Vous pouvez dès maintenant accéder à votre espace.',
      withReason:
        'Votre compte expert a été validé. Vous pouvez dès maintenant accéder à votre espace. Motif : {{reason}}',
    },
    'expert.reject': {
      title: "Votre demande de compte expert n'a pas été retenue",
      body: "Votre demande de compte expert n'a pas été retenue.",
      withReason: "Votre demande de compte expert n'a pas été retenue. Motif : {{reason}}",
    },
    'expert.suspend': {
      title: 'Votre compte expert est suspendu',
      body: 'Votre compte expert a été suspendu.',
      withReason: 'Votre compte expert a été suspendu. Motif : {{reason}}',
    },
    'expert.reactivate': {
      title: 'Votre compte expert est réactivé',
      body: 'Votre compte expert a été réactivé.',
      withReason: 'Votre compte expert a été réactivé. Motif : {{reason}}',
    },
  },
  en: {
    'message.new.dossier': {
      title: { one: 'New message', other: '{{count}} new messages' },
      body: {
        one: 'You have an unread message on the case {{product}}.',
        other: 'You have {{count}} unread messages on the case {{product}}.',
      },
    },
    'message.new.support': {
      title: { one: 'New message', other: '{{count}} new messages' },
      body: {
        one: 'You have an unread message from support.',
        other: 'You have {{count}} unread messages from support.',
      },
    },
    'appointment.proposed': {
      title: 'Appointment proposed – {{product}}',
      body: 'An appointment is proposed to you.\n{{when}}',
    },
    'appointment.counter-proposed': {
      title: 'New time proposed',
      body: 'Another time is proposed to you.\n{{when}}',
    },
    'appointment.rescheduled': {
      title: 'Appointment moved',
      body: 'The appointment was moved: {{reason}}\n{{when}}',
    },
    'appointment.confirmed': {
      title: 'Appointment confirmed',
      body: 'The appointment is confirmed.\n{{when}}',
    },
    'appointment.declined': {
      title: 'Appointment declined',
      body: 'The proposed appointment was declined: {{reason}}\n{{when}}',
    },
    'appointment.cancelled': {
      title: 'Appointment cancelled',
      body: 'The appointment was cancelled: {{reason}}\n{{when}}',
    },
    'appointment.reminder.hour': {
      title: 'Reminder: appointment in one hour',
      body: 'Your appointment on the case starts in one hour.\n{{when}}',
    },
    'appointment.reminder.day': {
      title: 'Reminder: appointment tomorrow',
      body: 'Your appointment on the case starts tomorrow.\n{{when}}',
    },
    'document.rejected': {
      title: 'Document to upload again: {{document}}',
      body: 'The document “{{document}}” of your case was rejected (reason: {{reason}}). Upload a new version from your case.',
    },
    'dossier.deadline': {
      title: '{{product}}: to claim before {{date}}',
      // The catalogue's sentence is French: English says the days left only.
      body: '{{days}} days left.',
    },
    'expert.approve': {
      title: 'Your expert account is approved',
      body: 'Your expert account was approved. You can use your workspace right away.',
      withReason:
        'Your expert account was approved. You can use your workspace right away. Reason: {{reason}}',
    },
    'expert.reject': {
      title: 'Your expert account application was not accepted',
      body: 'Your expert account application was not accepted.',
      withReason: 'Your expert account application was not accepted. Reason: {{reason}}',
    },
    'expert.suspend': {
      title: 'Your expert account is suspended',
      body: 'Your expert account was suspended.',
      withReason: 'Your expert account was suspended. Reason: {{reason}}',
    },
    'expert.reactivate': {
      title: 'Your expert account is reactivated',
      body: 'Your expert account was reactivated.',
      withReason: 'Your expert account was reactivated. Reason: {{reason}}',
    },
  },
};

function dossierTemplates(language: NoticeLanguage): Record<string, NoticeTemplate> {
  const entries = Object.entries(DOSSIER_BODIES[language]).map(([key, body]): [string, NoticeTemplate] => {
    const party = key.slice(key.lastIndexOf('.') + 1);
    const title = party === 'client' ? DOSSIER_TITLE[language].client : DOSSIER_TITLE[language].other;
    return [`dossier.${key}`, { title, body }];
  });
  return Object.fromEntries(entries);
}

export const NOTICE_TEMPLATES: Record<NoticeLanguage, Record<string, NoticeTemplate>> = {
  fr: { ...dossierTemplates('fr'), ...OTHER_TEMPLATES.fr },
  en: { ...dossierTemplates('en'), ...OTHER_TEMPLATES.en },
};

/** The template of a dossier event for a party, if that party is told of it. */
export const dossierNoticeKey = (action: string, party: NoticeParty): string | undefined => {
  const key = `dossier.${action}.${party}`;
  return key in NOTICE_TEMPLATES.fr ? key : undefined;
};

const LOCALE: Record<NoticeLanguage, string> = { fr: 'fr-FR', en: 'en-GB' };

/** "lundi 5 janvier 2026, 09:00–10:00 (heure de Paris, Europe/Paris)" in the reader's zone and language. */
export function describeTime(
  startsAt: Date,
  endsAt: Date,
  timeZone: string,
  language: NoticeLanguage = 'fr',
): string {
  const locale = LOCALE[language];
  const day = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'full' }).format(startsAt);
  const hour = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit' });
  const zoneName =
    new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'longGeneric' })
      .formatToParts(startsAt)
      .find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
  return `${day}, ${hour.format(startsAt)}–${hour.format(endsAt)} (${zoneName}, ${timeZone})`;
}

/** A calendar day (`2026-12-31`): `31/12/2026` in French, `31 December 2026` in English. */
export function describeDay(day: string, language: NoticeLanguage): string {
  const [year = '', month = '', date = ''] = day.split('-');
  if (language === 'fr') return `${date}/${month}/${year}`;
  return new Intl.DateTimeFormat(LOCALE.en, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

const pick = (text: Text, count: unknown, language: NoticeLanguage) => {
  if (typeof text === 'string') return text;
  const form = typeof count === 'number' ? new Intl.PluralRules(LOCALE[language]).select(count) : 'other';
  return form === 'one' ? text.one : text.other;
};

const fill = (text: string, values: NoticeParams) =>
  text.replace(/\{\{(\w+)\}\}/g, (_all, name: string) => {
    const value = values[name];
    return value === null || value === undefined ? '' : String(value);
  });

/** Product and document named in `language` by their code (French: the catalogue's own name). */
function catalogueNames(language: NoticeLanguage, params: NoticeParams): NoticeParams {
  if (language === 'fr') return {};
  const named: NoticeParams = {};
  const product = typeof params.productCode === 'string' && CATALOGUE_NAMES_EN.products[params.productCode];
  if (product) named.product = product;
  const document =
    typeof params.documentCode === 'string' && CATALOGUE_NAMES_EN.documents[params.documentCode];
  if (document) named.document = document;
  return named;
}

/**
 * A notification's title and body in `language`, or null for a template this build does not know
 * (a newer API): the caller then shows the stored French text. Products and documents are
 * named, dates and times formatted, in that language.
 */
export function renderNotice(
  language: NoticeLanguage,
  template: string,
  params: NoticeParams,
): { title: string; body: string } | null {
  const found = NOTICE_TEMPLATES[language][template];
  if (!found) return null;
  const values: NoticeParams = { ...params, ...catalogueNames(language, params) };
  if (typeof params.claimBy === 'string') values.date = describeDay(params.claimBy, language);
  if (
    typeof params.startsAt === 'string' &&
    typeof params.endsAt === 'string' &&
    typeof params.timeZone === 'string'
  ) {
    values.when = describeTime(new Date(params.startsAt), new Date(params.endsAt), params.timeZone, language);
  }
  const reason = typeof params.reason === 'string' && params.reason.trim() !== '';
  const body = reason && found.withReason ? found.withReason : found.body;
  return {
    title: fill(pick(found.title, params.count, language), values),
    body: fill(pick(body, params.count, language), values).trim(),
  };
}
