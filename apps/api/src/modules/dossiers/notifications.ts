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
 * The texts of every dossier notification, one entry per event and one sentence per recipient,
 * written for it: the client reads about "votre dossier", the expert about the client's. The one
 * place to change what a recipient reads; a party left out of an event is not told of it.
 */
export const DOSSIER_NOTICES: Record<DossierChangeAction, Notice> = {
  'submit-for-review': {
    type: 'dossier.transition',
    body: { expert: 'Le client a envoyé le dossier pour validation.' },
  },
  'validate-eligibility': {
    type: 'dossier.transition',
    body: { client: 'Votre dossier est validé : choisissez maintenant l’expert qui le traitera.' },
  },
  'reject-eligibility': {
    type: 'dossier.transition',
    body: { client: 'Votre dossier n’a pas été retenu par l’équipe : le motif est indiqué sur le dossier.' },
  },
  'propose-expert': {
    type: 'assignment.proposed',
    body: {
      expert: 'Un dossier vous est proposé : vous avez 48 heures pour répondre.',
      client: 'Un expert a été proposé pour votre dossier : il a 48 heures pour répondre.',
    },
  },
  'accept-assignment': {
    type: 'assignment.accepted',
    body: { client: 'L’expert a accepté votre dossier : il va vous demander les pièces nécessaires.' },
  },
  'decline-assignment': {
    type: 'assignment.declined',
    body: { client: 'L’expert a décliné votre dossier : choisissez un autre expert.' },
  },
  'expire-proposal': {
    type: 'assignment.expired',
    body: {
      client: 'L’expert n’a pas répondu à temps : choisissez un autre expert.',
      expert:
        'La proposition a expiré faute de réponse dans les 48 heures : le dossier a été rendu au client.',
    },
  },
  'request-documents': {
    type: 'document.requested',
    body: { client: 'Votre expert vous demande des pièces complémentaires : déposez-les sur le dossier.' },
  },
  'submit-documents': {
    type: 'dossier.transition',
    body: { expert: 'Le client a transmis les pièces demandées : vous pouvez les examiner.' },
  },
  'start-audit': {
    type: 'dossier.transition',
    body: { client: 'Votre expert a commencé l’audit de votre dossier.' },
  },
  'complete-audit': {
    type: 'dossier.transition',
    body: { client: 'Votre expert a rendu son audit : acceptez-le ou contestez-le sur le dossier.' },
  },
  'approve-audit': {
    type: 'dossier.transition',
    body: {
      expert: 'Le client a accepté votre audit : vous pouvez déposer la demande auprès de l’administration.',
    },
  },
  'reject-audit': {
    type: 'dossier.transition',
    body: { expert: 'Le client conteste votre audit : son motif est indiqué sur le dossier.' },
  },
  'file-claim': {
    type: 'dossier.transition',
    body: { client: 'Votre expert a déposé la demande auprès de l’administration.' },
  },
  'record-decision': {
    type: 'dossier.transition',
    body: {
      client: 'L’administration a rendu sa décision sur votre demande : le détail est sur le dossier.',
    },
  },
  'confirm-refund': {
    type: 'dossier.transition',
    body: { client: 'Votre remboursement est confirmé : la facture des honoraires est disponible.' },
  },
  'send-quote': {
    type: 'dossier.transition',
    body: { client: 'Votre expert vous a envoyé un devis : acceptez-le ou refusez-le sur le dossier.' },
  },
  'accept-quote': {
    type: 'dossier.transition',
    body: { expert: 'Le client a accepté votre devis : vous pouvez émettre la facture.' },
  },
  'decline-quote': {
    type: 'dossier.transition',
    body: { expert: 'Le client a refusé votre devis : son motif est indiqué sur le dossier.' },
  },
  'issue-invoice': {
    type: 'dossier.transition',
    body: { client: 'Votre expert a émis sa facture : elle est disponible sur le dossier.' },
  },
  'confirm-payment': {
    type: 'dossier.transition',
    body: {
      client: 'Le paiement de votre facture est enregistré : votre dossier est terminé.',
      expert: 'Le client a réglé votre facture : le dossier est terminé.',
    },
  },
  cancel: {
    type: 'dossier.transition',
    body: {
      client: 'Votre dossier a été annulé.',
      expert: 'Le dossier a été annulé : vous n’y avez plus accès.',
    },
  },
  'force-transition': {
    type: 'dossier.transition',
    body: {
      client: 'L’équipe FinancialTracker a modifié le statut de votre dossier.',
      expert: 'L’équipe FinancialTracker a modifié le statut du dossier.',
    },
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
    const stillParty = new Set(change.partiesAfter.map((party) => party.userId));
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
        title:
          party.party === 'client'
            ? `Votre dossier « ${product?.name ?? ''} »`
            : `Dossier « ${product?.name ?? ''} »`,
        body,
        // No link for someone the change took the dossier from: it would open on a 404.
        ...(stillParty.has(party.userId) ? { link: `/dossiers/${change.entityId}` } : {}),
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
