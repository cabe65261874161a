import { dossierStatusSchema, NOTIFICATION_TYPES_BY_ROLE, type NotificationType } from '@ft/contracts';
import type { DossierAction } from '@ft/domain';
import type { ChangeSubscriber } from '../../platform/changes/pipeline';
import { partiesOf } from '../../platform/changes/pipeline';
import type { ChangeParty } from '../../platform/changes/tables';
import type { Notify } from '../notifications/service';

/** Every change the dossier module records: the workflow's actions and the admin's and client's extras. */
export type DossierChangeAction = DossierAction | 'force-transition' | 'rate-expert';

type Party = ChangeParty['party'];
/** What each party is told; one sentence for all, or one per party (a party left out is not told). */
type Notice = { type: NotificationType; body: string | Partial<Record<Party, string>> };

/**
 * The texts of every dossier notification, one entry per event: the one place to change what a
 * recipient reads. The recipient is a party of the dossier before or after the change, never the
 * one who acted.
 */
export const DOSSIER_NOTICES: Record<DossierChangeAction, Notice> = {
  'submit-for-review': { type: 'dossier.transition', body: 'Le client a envoyé le dossier pour validation.' },
  'validate-eligibility': {
    type: 'dossier.transition',
    body: "L'éligibilité du dossier est validée : le client peut choisir un expert.",
  },
  'reject-eligibility': { type: 'dossier.transition', body: "L'éligibilité du dossier a été refusée." },
  'propose-expert': {
    type: 'assignment.proposed',
    body: {
      expert: 'Un dossier vous est proposé : vous avez 48 heures pour répondre.',
      client: 'Un expert a été proposé pour votre dossier : il a 48 heures pour répondre.',
    },
  },
  'accept-assignment': { type: 'assignment.accepted', body: "L'expert a accepté le dossier." },
  'decline-assignment': {
    type: 'assignment.declined',
    body: "L'expert a décliné le dossier : choisissez un autre expert.",
  },
  'expire-proposal': {
    type: 'assignment.expired',
    body: {
      client: "L'expert n'a pas répondu à temps : choisissez un autre expert.",
      expert:
        'La proposition a expiré faute de réponse dans les 48 heures : le dossier a été rendu au client.',
    },
  },
  'request-documents': { type: 'document.requested', body: "L'expert demande des pièces complémentaires." },
  'submit-documents': { type: 'dossier.transition', body: 'Le client a transmis les pièces demandées.' },
  'start-audit': { type: 'dossier.transition', body: "L'audit a commencé." },
  'complete-audit': {
    type: 'dossier.transition',
    body: "L'audit est terminé : le client doit l'accepter ou le contester.",
  },
  'approve-audit': { type: 'dossier.transition', body: "Le client a accepté l'audit." },
  'reject-audit': { type: 'dossier.transition', body: "Le client conteste l'audit." },
  'file-claim': { type: 'dossier.transition', body: "La demande a été déposée auprès de l'administration." },
  'record-decision': { type: 'dossier.transition', body: "La décision de l'administration est enregistrée." },
  'confirm-refund': {
    type: 'dossier.transition',
    body: 'Le remboursement est confirmé : la facture est émise.',
  },
  'send-quote': { type: 'dossier.transition', body: 'Un devis vous attend.' },
  'accept-quote': { type: 'dossier.transition', body: 'Le client a accepté le devis.' },
  'decline-quote': { type: 'dossier.transition', body: 'Le client a refusé le devis.' },
  'issue-invoice': { type: 'dossier.transition', body: 'La facture est émise.' },
  'confirm-payment': {
    type: 'dossier.transition',
    body: 'Le paiement est confirmé : le dossier est terminé.',
  },
  cancel: {
    type: 'dossier.transition',
    body: {
      client: 'Le dossier a été annulé.',
      expert: 'Le dossier a été annulé : vous n’y avez plus accès.',
    },
  },
  'force-transition': {
    type: 'dossier.transition',
    body: "L'équipe FinancialTracker a modifié le statut du dossier.",
  },
  'rate-expert': { type: 'dossier.transition', body: { expert: 'Le client a noté votre intervention.' } },
};

const isChangeAction = (action: string): action is DossierChangeAction => action in DOSSIER_NOTICES;

/**
 * Tells every party of the dossier (as it was before the change, and after) but the actor. Each
 * party's preferences decide the channels: in the app and/or an e-mail sent by the delivery job.
 */
export const notificationsSubscriber = (notify: Notify): ChangeSubscriber => ({
  name: 'notifications',
  async handle(trx, change) {
    if (change.entityType !== 'dossier' || !isChangeAction(change.action)) return;
    const notice = DOSSIER_NOTICES[change.action];
    const product = await trx
      .selectFrom('dossiers as d')
      .innerJoin('products as p', 'p.code', 'd.product_code')
      .select('p.name')
      .where('d.id', '=', change.entityId)
      .executeTakeFirst();
    for (const party of partiesOf(change)) {
      if (party.userId === change.actorId) continue;
      const body = typeof notice.body === 'string' ? notice.body : notice.body[party.party];
      if (!body) continue;
      // A party hears under a type its preferences know (a client has no "proposed to you").
      const type = NOTIFICATION_TYPES_BY_ROLE[party.party].includes(notice.type)
        ? notice.type
        : 'dossier.transition';
      await notify(trx, {
        userId: party.userId,
        type,
        title: `Dossier « ${product?.name ?? ''} »`,
        body,
        link: `/dossiers/${change.entityId}`,
        dossierId: change.entityId,
      });
    }
  },
});

/** The timeline every party reads: one entry per change of the dossier. */
export const timelineSubscriber: ChangeSubscriber = {
  name: 'timeline',
  async handle(trx, change) {
    if (change.entityType !== 'dossier') return;
    await trx
      .insertInto('dossier_events')
      .values({
        dossier_id: change.entityId,
        actor_id: change.actorId,
        action: change.action,
        from_status: dossierStatusSchema.nullable().parse(change.from),
        to_status: dossierStatusSchema.nullable().parse(change.to),
        details: JSON.stringify(change.details),
      })
      .execute();
  },
};
