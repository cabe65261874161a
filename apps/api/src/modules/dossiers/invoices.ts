import type { Kysely } from 'kysely';
import type { DB } from '../../database';
import { issueDossierInvoice } from '../invoices/issue';
import type { Dossier } from './repository';

/**
 * Issues the dossier's one invoice (the fee on `baseCents` at the frozen rates), in the action's
 * transaction: a Factur-X invoice from modules/invoices (numbering, mentions, life cycle).
 */
export function issueInvoice(
  trx: Kysely<DB>,
  dossier: Dossier,
  input: { baseCents: number; clientFeeRateBps: number | null; platformFeeRateBps: number; actorId: string },
): Promise<{ invoice: string }> {
  return issueDossierInvoice(trx, { dossier, ...input });
}
