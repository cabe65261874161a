import type { DossierActionBody, UserDossierAction } from '@ft/contracts';
import { isWithinRange } from '@ft/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../../database';
import type { Actor } from '../../platform/auth/actor';
import { AppError, notFound, validationFailed } from '../../platform/http/errors';
import { assertEngagementSigned, generateEngagementLetters } from '../engagements/generate';
import { markDossierInvoicePaid } from '../invoices/service';
import { issueInvoice } from './invoices';
import { type Dossier, type DossierChanges, dossierRepository as repo } from './repository';

export const PROPOSAL_TTL_MS = 48 * 3600 * 1000;

export type ActionContext<A extends UserDossierAction> = {
  trx: Kysely<DB>;
  actor: Actor;
  /** The row as locked before the change. */
  dossier: Dossier;
  body: DossierActionBody<A>;
};

/** A check beyond the state machine; throws a 4xx (409 `PRECONDITION_FAILED` mostly) to refuse. */
export type Precondition<A extends UserDossierAction> = (context: ActionContext<A>) => Promise<void>;

export type ActionOutcome = {
  /** Columns written with the new status. */
  changes?: DossierChanges;
  /** What the timeline, the audit trail and the notifications say about the change. */
  details?: Record<string, unknown>;
  /**
   * Work done once the dossier row has moved. Ending the actor's own assignment goes here: done
   * first, the actor would no longer pass the dossier's row-level security to move it.
   */
  afterMove?: (trx: Kysely<DB>) => Promise<void>;
};

/** One dossier action: its preconditions, run in order, then its effect. Its body is the contract's. */
export type ActionUnit<A extends UserDossierAction> = {
  preconditions: readonly Precondition<A>[];
  effect(context: ActionContext<A>): Promise<ActionOutcome>;
};

export const precondition = (message: string) => new AppError('PRECONDITION_FAILED', 409, message);
const today = () => new Date().toISOString().slice(0, 10);

const checklistUploaded: Precondition<'submit-for-review'> = async ({ trx, dossier }) => {
  const missing = await repo.itemsMissing(trx, dossier.id, 'checklist', ['uploaded', 'approved']);
  if (missing.length > 0)
    throw precondition(`Déposez d’abord les pièces obligatoires : ${missing.join(', ')}.`);
};
const requestedUploaded: Precondition<'submit-documents'> = async ({ trx, dossier }) => {
  const missing = await repo.itemsMissing(trx, dossier.id, 'expert', ['uploaded', 'approved']);
  if (missing.length > 0) throw precondition(`Il manque des pièces demandées : ${missing.join(', ')}.`);
};
const requestedApproved: Precondition<'start-audit'> = async ({ trx, dossier }) => {
  if (dossier.status !== 'documents_submitted') return;
  const pending = await repo.itemsMissing(trx, dossier.id, 'expert', ['approved']);
  if (pending.length > 0)
    throw precondition(`Validez d’abord chaque pièce demandée : ${pending.join(', ')}.`);
};
// Paperwork (#16): the engagement letter and mandate, signed by the client, gate the work.
const engagementLetterSigned: Precondition<'start-audit' | 'accept-quote'> = ({ trx, dossier }) =>
  assertEngagementSigned(trx, dossier);
const quoteStillValid: Precondition<'accept-quote'> = async ({ dossier }) => {
  if ((dossier.quote_valid_until ?? '') < today())
    throw precondition('Ce devis a expiré : demandez-en un nouveau.');
};
/** The one who answers a proposal is the expert it was made to, while it is still open. */
async function ownProposal(trx: Kysely<DB>, actor: Actor, dossierId: string) {
  const assignment = await repo.liveAssignment(trx, dossierId);
  if (!assignment || assignment.expert_id !== actor.userId || assignment.status !== 'proposed')
    throw notFound('Aucune proposition en attente pour vous sur ce dossier.');
  return assignment;
}
const withReason = async ({ body }: { body: { reason: string } }): Promise<ActionOutcome> => ({
  details: { reason: body.reason },
});
const nothing = async (): Promise<ActionOutcome> => ({});

/**
 * Every dossier action a user takes, by name. The type makes the compiler check this map against
 * the state machine's list (packages/contracts): an action without a unit does not build.
 */
export const ACTION_UNITS: { [A in UserDossierAction]: ActionUnit<A> } = {
  'submit-for-review': { preconditions: [checklistUploaded], effect: nothing },
  'validate-eligibility': { preconditions: [], effect: nothing },
  'reject-eligibility': {
    preconditions: [],
    effect: async ({ body }) => ({
      changes: { closing_reason: body.reason },
      details: { reason: body.reason },
    }),
  },
  'propose-expert': {
    preconditions: [],
    async effect({ trx, actor, dossier, body }) {
      // An expert's suspension is its approval status, so an approved profile is an available expert.
      const expert = await trx
        .selectFrom('expert_profiles')
        .select(['user_id', 'product_codes', 'firm_name'])
        .where('user_id', '=', body.expertId)
        .where('approval_status', '=', 'approved')
        .executeTakeFirst();
      if (!expert)
        throw validationFailed([{ field: 'expertId', message: 'Cet expert n’est pas disponible.' }]);
      if (!expert.product_codes.includes(dossier.product_code))
        throw validationFailed([
          { field: 'expertId', message: 'Cet expert n’est pas qualifié pour ce dispositif.' },
        ]);
      // A live assignment left over (an admin's forced move predating the consistency rule) ends here.
      await repo.endLiveAssignment(trx, dossier.id, 'ended', 'Nouvelle proposition.');
      await trx
        .insertInto('expert_assignments')
        .values({
          dossier_id: dossier.id,
          expert_id: expert.user_id,
          proposed_by: actor.userId,
          expires_at: new Date(Date.now() + PROPOSAL_TTL_MS),
          responded_at: null,
          reason: null,
        })
        .execute();
      return {
        changes: { expert_id: null },
        details: { expertId: expert.user_id, firmName: expert.firm_name },
      };
    },
  },
  'accept-assignment': {
    preconditions: [],
    async effect({ trx, actor, dossier }) {
      const assignment = await ownProposal(trx, actor, dossier.id);
      await repo.respond(trx, assignment.id, 'accepted', null);
      // Paperwork (#16): the letter and mandate are generated as the expert accepts.
      await generateEngagementLetters(trx, { dossierId: dossier.id, expertId: actor.userId });
      return { changes: { expert_id: actor.userId } };
    },
  },
  'decline-assignment': {
    preconditions: [],
    async effect({ trx, actor, dossier, body }) {
      const assignment = await ownProposal(trx, actor, dossier.id);
      return {
        details: { reason: body.reason },
        afterMove: (after) => repo.respond(after, assignment.id, 'declined', body.reason),
      };
    },
  },
  'request-documents': {
    preconditions: [],
    async effect({ trx, dossier, body }) {
      await trx
        .insertInto('dossier_items')
        .values(
          body.items.map((item, index) => ({
            dossier_id: dossier.id,
            code: `EXPERT_${Date.now()}_${index}`,
            label: item.label,
            required: item.required,
            source: 'expert' as const,
            reason: null,
          })),
        )
        .execute();
      return { details: { items: body.items.map((item) => item.label) } };
    },
  },
  'submit-documents': { preconditions: [requestedUploaded], effect: nothing },
  'start-audit': { preconditions: [engagementLetterSigned, requestedApproved], effect: nothing },
  'complete-audit': {
    preconditions: [],
    async effect({ trx, actor, dossier, body }) {
      if (body.clientFeeRateBps !== undefined) {
        const profile = await trx
          .selectFrom('expert_profiles')
          .select(['client_fee_min_bps', 'client_fee_max_bps'])
          .where('user_id', '=', actor.userId)
          .executeTakeFirstOrThrow();
        if (!isWithinRange(body.clientFeeRateBps, [profile.client_fee_min_bps, profile.client_fee_max_bps])) {
          throw validationFailed([
            {
              field: 'clientFeeRateBps',
              message: `Le taux doit être compris entre ${profile.client_fee_min_bps / 100} % et ${profile.client_fee_max_bps / 100} %.`,
            },
          ]);
        }
      }
      const revision = dossier.audit_revision + 1;
      return {
        changes: {
          final_amount_cents: body.finalAmountCents,
          audit_report: body.report,
          proposed_fee_rate_bps: body.clientFeeRateBps ?? null,
          audit_revision: revision,
        },
        details: { finalAmountCents: body.finalAmountCents, revision },
      };
    },
  },
  'approve-audit': {
    preconditions: [],
    async effect({ trx, dossier }) {
      // The rates in force are frozen on the dossier now.
      const expert = await trx
        .selectFrom('expert_profiles')
        .select(['client_fee_rate_bps', 'platform_fee_rate_bps'])
        .where('user_id', '=', dossier.expert_id ?? '')
        .executeTakeFirst();
      if (!expert) throw precondition('Aucun expert n’est assigné à ce dossier.');
      const clientRate = dossier.proposed_fee_rate_bps ?? expert.client_fee_rate_bps;
      return {
        changes: { client_fee_rate_bps: clientRate, platform_fee_rate_bps: expert.platform_fee_rate_bps },
        details: { clientFeeRateBps: clientRate },
      };
    },
  },
  'reject-audit': { preconditions: [], effect: withReason },
  'file-claim': {
    preconditions: [],
    effect: async ({ body }) => ({
      changes: {
        claim_authority: body.authority,
        claim_reference: body.reference,
        claim_filed_on: body.filedOn,
      },
      details: { authority: body.authority, reference: body.reference },
    }),
  },
  'record-decision': {
    preconditions: [],
    async effect({ body }) {
      if (body.decision === 'refused' && !body.reason)
        throw validationFailed([{ field: 'reason', message: 'Indiquez le motif du refus.' }]);
      if (body.decision !== 'refused' && body.grantedAmountCents <= 0)
        throw validationFailed([{ field: 'grantedAmountCents', message: 'Indiquez le montant accordé.' }]);
      return {
        changes: {
          decision: body.decision,
          granted_amount_cents: body.decision === 'refused' ? 0 : body.grantedAmountCents,
          decided_on: body.decidedOn,
          decision_reason: body.reason ?? null,
        },
        details: { decision: body.decision, grantedAmountCents: body.grantedAmountCents },
      };
    },
  },
  'confirm-refund': {
    preconditions: [],
    effect: async ({ trx, actor, dossier }) => ({
      details: await issueInvoice(trx, dossier, {
        actorId: actor.userId,
        baseCents: dossier.granted_amount_cents ?? 0,
        clientFeeRateBps: dossier.client_fee_rate_bps,
        platformFeeRateBps: dossier.platform_fee_rate_bps ?? 3000,
      }),
    }),
  },
  'confirm-payment': {
    preconditions: [],
    async effect({ trx, actor, dossier }) {
      await markDossierInvoicePaid(trx, dossier.id, actor.userId);
      return { changes: { completed_at: new Date() } };
    },
  },
  'send-quote': {
    preconditions: [],
    async effect({ body }) {
      if (body.validUntil < today())
        throw validationFailed([{ field: 'validUntil', message: 'La date de validité est déjà passée.' }]);
      return {
        changes: {
          quote_amount_cents: body.amountCents,
          quote_description: body.description,
          quote_valid_until: body.validUntil,
        },
        details: { amountCents: body.amountCents },
      };
    },
  },
  'accept-quote': { preconditions: [engagementLetterSigned, quoteStillValid], effect: nothing },
  'decline-quote': { preconditions: [], effect: withReason },
  'issue-invoice': {
    preconditions: [],
    async effect({ trx, actor, dossier }) {
      const expert = await trx
        .selectFrom('expert_profiles')
        .select('platform_fee_rate_bps')
        .where('user_id', '=', actor.userId)
        .executeTakeFirstOrThrow();
      return {
        changes: { platform_fee_rate_bps: expert.platform_fee_rate_bps },
        details: await issueInvoice(trx, dossier, {
          actorId: actor.userId,
          baseCents: dossier.quote_amount_cents ?? 0,
          clientFeeRateBps: null,
          platformFeeRateBps: expert.platform_fee_rate_bps,
        }),
      };
    },
  },
  cancel: {
    preconditions: [],
    effect: async ({ dossier, body }) => ({
      changes: { closing_reason: body.reason },
      details: { reason: body.reason },
      // The expert's access ends with the dossier; it is still told (it was a party before).
      afterMove: (after) => repo.endLiveAssignment(after, dossier.id, 'ended', body.reason),
    }),
  },
};

/** Runs one action's preconditions in order, then its effect, with the types of that action's body. */
export async function runAction<A extends UserDossierAction>(
  action: A,
  context: ActionContext<A>,
): Promise<ActionOutcome> {
  const unit: ActionUnit<A> = ACTION_UNITS[action];
  for (const check of unit.preconditions) await check(context);
  return unit.effect(context);
}
