import type { DossierActionName } from '@ft/contracts';
import { isWithinRange } from '@ft/domain';
import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../database';
import type { Actor } from '../../platform/auth/actor';
import { AppError, conflict, notFound, validationFailed } from '../../platform/http/errors';
import { assertEngagementSigned, generateEngagementLetters } from '../engagements/generate';
import { issueDossierInvoice } from '../invoices/issue';
import { markDossierInvoicePaid } from '../invoices/service';
import type { DossiersTable } from './tables';

export const PROPOSAL_TTL_MS = 48 * 3600 * 1000;
type Dossier = Selectable<DossiersTable>;
type Changes = Partial<Record<keyof DossiersTable, unknown>>;
// biome-ignore lint/suspicious/noExplicitAny: each action validates its own body with its zod schema first.
type Body = Record<string, any>;

const precondition = (message: string) => new AppError('PRECONDITION_FAILED', 409, message);

type ItemStatus = 'requested' | 'uploaded' | 'approved' | 'rejected';

async function itemsMissing(
  trx: Kysely<DB>,
  dossierId: string,
  source: 'checklist' | 'expert',
  accepted: ItemStatus[],
) {
  const rows = await trx
    .selectFrom('dossier_items')
    .select('label')
    .where('dossier_id', '=', dossierId)
    .where('source', '=', source)
    .where('required', '=', true)
    .where('status', 'not in', accepted)
    .execute();
  return rows.map((row) => row.label);
}

async function liveAssignment(trx: Kysely<DB>, dossierId: string) {
  return trx
    .selectFrom('expert_assignments')
    .selectAll()
    .where('dossier_id', '=', dossierId)
    .where('status', 'in', ['proposed', 'accepted'])
    .forUpdate()
    .executeTakeFirst();
}

/**
 * What one action checks (beyond the state machine) and writes on the dossier. Returns the dossier
 * columns to change and details for the timeline.
 */
export async function applyEffects(
  trx: Kysely<DB>,
  actor: Actor,
  dossier: Dossier,
  action: DossierActionName,
  body: Body,
): Promise<{ changes: Changes; details: Record<string, unknown> }> {
  const today = new Date().toISOString().slice(0, 10);
  switch (action) {
    case 'submit-for-review': {
      const missing = await itemsMissing(trx, dossier.id, 'checklist', ['uploaded', 'approved']);
      if (missing.length > 0)
        throw precondition(`Déposez d’abord les pièces obligatoires : ${missing.join(', ')}.`);
      return { changes: {}, details: {} };
    }
    case 'reject-eligibility':
    case 'cancel':
      if (action === 'cancel') {
        await trx
          .updateTable('expert_assignments')
          .set({ status: 'ended', responded_at: new Date(), reason: body.reason })
          .where('dossier_id', '=', dossier.id)
          .where('status', 'in', ['proposed', 'accepted'])
          .execute();
      }
      return { changes: { closing_reason: body.reason }, details: { reason: body.reason } };
    case 'propose-expert': {
      // An expert's suspension is its approval status, so an approved profile is an available expert.
      const expert = await trx
        .selectFrom('expert_profiles')
        .select(['user_id', 'product_codes', 'firm_name'])
        .where('user_id', '=', body.expertId)
        .where('approval_status', '=', 'approved')
        .executeTakeFirst();
      if (!expert)
        throw validationFailed([{ field: 'expertId', message: 'Cet expert n’est pas disponible.' }]);
      if (!expert.product_codes.includes(dossier.product_code)) {
        throw validationFailed([
          { field: 'expertId', message: 'Cet expert n’est pas qualifié pour ce dispositif.' },
        ]);
      }
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
      return { changes: {}, details: { expertId: expert.user_id, firmName: expert.firm_name } };
    }
    case 'accept-assignment':
    case 'decline-assignment': {
      const assignment = await liveAssignment(trx, dossier.id);
      if (!assignment || assignment.expert_id !== actor.userId || assignment.status !== 'proposed')
        throw notFound('Aucune proposition en attente pour vous sur ce dossier.');
      const accepted = action === 'accept-assignment';
      await trx
        .updateTable('expert_assignments')
        .set({
          status: accepted ? 'accepted' : 'declined',
          responded_at: new Date(),
          reason: accepted ? null : body.reason,
        })
        .where('id', '=', assignment.id)
        .execute();
      // Paperwork (#16): the engagement letter and mandate are generated as the expert accepts.
      if (accepted) await generateEngagementLetters(trx, { dossierId: dossier.id, expertId: actor.userId });
      return accepted
        ? { changes: { expert_id: actor.userId }, details: {} }
        : { changes: {}, details: { reason: body.reason } };
    }
    case 'request-documents': {
      const items = body.items as { label: string; required: boolean }[];
      await trx
        .insertInto('dossier_items')
        .values(
          items.map((item, index) => ({
            dossier_id: dossier.id,
            code: `EXPERT_${Date.now()}_${index}`,
            label: item.label,
            required: item.required,
            source: 'expert' as const,
            reason: null,
          })),
        )
        .execute();
      return { changes: {}, details: { items: items.map((item) => item.label) } };
    }
    case 'submit-documents': {
      const missing = await itemsMissing(trx, dossier.id, 'expert', ['uploaded', 'approved']);
      if (missing.length > 0) throw precondition(`Il manque des pièces demandées : ${missing.join(', ')}.`);
      return { changes: {}, details: {} };
    }
    case 'start-audit': {
      await assertEngagementSigned(trx, dossier);
      if (dossier.status === 'documents_submitted') {
        const pending = await itemsMissing(trx, dossier.id, 'expert', ['approved']);
        if (pending.length > 0)
          throw precondition(`Validez d’abord chaque pièce demandée : ${pending.join(', ')}.`);
      }
      return { changes: {}, details: {} };
    }
    case 'complete-audit': {
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
      return {
        changes: {
          final_amount_cents: body.finalAmountCents,
          audit_report: body.report,
          proposed_fee_rate_bps: body.clientFeeRateBps ?? null,
          audit_revision: dossier.audit_revision + 1,
        },
        details: { finalAmountCents: body.finalAmountCents, revision: dossier.audit_revision + 1 },
      };
    }
    case 'approve-audit': {
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
    }
    case 'reject-audit':
    case 'decline-quote':
      return { changes: {}, details: { reason: body.reason } };
    case 'file-claim':
      return {
        changes: {
          claim_authority: body.authority,
          claim_reference: body.reference,
          claim_filed_on: body.filedOn,
        },
        details: { authority: body.authority, reference: body.reference },
      };
    case 'record-decision': {
      if (body.decision === 'refused' && !body.reason)
        throw validationFailed([{ field: 'reason', message: 'Indiquez le motif du refus.' }]);
      if (body.decision !== 'refused' && body.grantedAmountCents <= 0) {
        throw validationFailed([{ field: 'grantedAmountCents', message: 'Indiquez le montant accordé.' }]);
      }
      return {
        changes: {
          decision: body.decision,
          granted_amount_cents: body.decision === 'refused' ? 0 : body.grantedAmountCents,
          decided_on: body.decidedOn,
          decision_reason: body.reason ?? null,
        },
        details: { decision: body.decision, grantedAmountCents: body.grantedAmountCents },
      };
    }
    case 'confirm-refund':
      return {
        changes: {},
        details: await issueDossierInvoice(trx, {
          dossier,
          baseCents: dossier.granted_amount_cents ?? 0,
          clientFeeRateBps: dossier.client_fee_rate_bps,
          platformFeeRateBps: dossier.platform_fee_rate_bps ?? 3000,
          actorId: actor.userId,
        }),
      };
    case 'send-quote':
      if (body.validUntil < today)
        throw validationFailed([{ field: 'validUntil', message: 'La date de validité est déjà passée.' }]);
      return {
        changes: {
          quote_amount_cents: body.amountCents,
          quote_description: body.description,
          quote_valid_until: body.validUntil,
        },
        details: { amountCents: body.amountCents },
      };
    case 'accept-quote':
      await assertEngagementSigned(trx, dossier);
      if ((dossier.quote_valid_until ?? '') < today)
        throw precondition('Ce devis a expiré : demandez-en un nouveau.');
      return { changes: {}, details: {} };
    case 'issue-invoice': {
      const expert = await trx
        .selectFrom('expert_profiles')
        .select('platform_fee_rate_bps')
        .where('user_id', '=', actor.userId)
        .executeTakeFirstOrThrow();
      return {
        changes: { platform_fee_rate_bps: expert.platform_fee_rate_bps },
        details: await issueDossierInvoice(trx, {
          dossier,
          baseCents: dossier.quote_amount_cents ?? 0,
          clientFeeRateBps: null,
          platformFeeRateBps: expert.platform_fee_rate_bps,
          actorId: actor.userId,
        }),
      };
    }
    case 'confirm-payment':
      await markDossierInvoicePaid(trx, dossier.id, actor.userId);
      return { changes: { completed_at: new Date() }, details: {} };
    case 'validate-eligibility':
      return { changes: {}, details: {} };
  }
  throw conflict('INVALID_TRANSITION', 'Action inconnue.');
}
