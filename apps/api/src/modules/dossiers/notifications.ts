import {
  dossierNoticeKey,
  dossierStatusSchema,
  NOTIFICATION_TYPES_BY_ROLE,
  type NotificationType,
} from '@ft/contracts';
import type { DossierAction } from '@ft/domain';
import type { ChangeSubscriber } from '../../platform/changes/pipeline';
import { partiesOf } from '../../platform/changes/pipeline';
import type { Notify } from '../notifications/service';

/**
 * Every change recorded on a dossier: the workflow's actions, the admin's and client's extras, and
 * the signatures and revocation of the engagement letter and mandate.
 */
export type DossierChangeAction =
  | DossierAction
  | 'force-transition'
  | 'rate-expert'
  | 'sign-mission'
  | 'sign-mandate'
  | 'revoke-mandate';

/**
 * The type of each dossier notification, one entry per event. What each recipient reads is the
 * template `dossier.<action>.<party>` of @ft/contracts' notices, written for it: the client reads
 * about "votre dossier", the expert about the client's. A party with no template for an event is
 * not told of it.
 */
export const DOSSIER_NOTICES: Record<DossierChangeAction, NotificationType> = {
  'submit-for-review': 'dossier.transition',
  'validate-eligibility': 'dossier.transition',
  'reject-eligibility': 'dossier.transition',
  'propose-expert': 'assignment.proposed',
  'accept-assignment': 'assignment.accepted',
  'decline-assignment': 'assignment.declined',
  'expire-proposal': 'assignment.expired',
  'request-documents': 'document.requested',
  'submit-documents': 'dossier.transition',
  'start-audit': 'dossier.transition',
  'complete-audit': 'dossier.transition',
  'approve-audit': 'dossier.transition',
  'reject-audit': 'dossier.transition',
  'file-claim': 'dossier.transition',
  'record-decision': 'dossier.transition',
  'confirm-refund': 'dossier.transition',
  'send-quote': 'dossier.transition',
  'accept-quote': 'dossier.transition',
  'decline-quote': 'dossier.transition',
  'issue-invoice': 'dossier.transition',
  'confirm-payment': 'dossier.transition',
  cancel: 'dossier.transition',
  'force-transition': 'dossier.transition',
  'rate-expert': 'dossier.transition',
  'sign-mission': 'dossier.transition',
  'sign-mandate': 'dossier.transition',
  'revoke-mandate': 'dossier.transition',
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
    const noticeType = DOSSIER_NOTICES[change.action];
    const product = await trx
      .selectFrom('dossiers as d')
      .innerJoin('products as p', 'p.code', 'd.product_code')
      .select(['p.code', 'p.name'])
      .where('d.id', '=', change.entityId)
      .executeTakeFirst();
    const stillParty = new Set(change.partiesAfter.map((party) => party.userId));
    for (const party of partiesOf(change)) {
      if (party.userId === change.actorId) continue;
      const template = dossierNoticeKey(change.action, party.party);
      if (!template) continue;
      // A party hears under a type its preferences know (a client has no "proposed to you").
      const type = NOTIFICATION_TYPES_BY_ROLE[party.party].includes(noticeType)
        ? noticeType
        : 'dossier.transition';
      await notify(trx, {
        userId: party.userId,
        type,
        template,
        params: { product: product?.name ?? '', productCode: product?.code ?? null },
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
