import type { NotificationType } from '@ft/contracts';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../database';
import type { Notify } from '../notifications/service';

const WHAT: Record<string, string> = {
  'submit-for-review': 'Le client a envoyé le dossier pour validation.',
  'validate-eligibility': "L'éligibilité du dossier est validée : le client peut choisir un expert.",
  'reject-eligibility': "L'éligibilité du dossier a été refusée.",
  'propose-expert': 'Un dossier vous est proposé : vous avez 48 heures pour répondre.',
  'accept-assignment': "L'expert a accepté le dossier.",
  'decline-assignment': "L'expert a décliné le dossier : choisissez un autre expert.",
  'expire-proposal': "L'expert n'a pas répondu à temps : choisissez un autre expert.",
  'request-documents': "L'expert demande des pièces complémentaires.",
  'submit-documents': 'Le client a transmis les pièces demandées.',
  'start-audit': "L'audit a commencé.",
  'complete-audit': "L'audit est terminé : le client doit l'accepter ou le contester.",
  'approve-audit': "Le client a accepté l'audit.",
  'reject-audit': "Le client conteste l'audit.",
  'file-claim': "La demande a été déposée auprès de l'administration.",
  'record-decision': "La décision de l'administration est enregistrée.",
  'confirm-refund': 'Le remboursement est confirmé : la facture est émise.',
  'send-quote': 'Un devis vous attend.',
  'accept-quote': 'Le client a accepté le devis.',
  'decline-quote': 'Le client a refusé le devis.',
  'issue-invoice': 'La facture est émise.',
  'confirm-payment': 'Le paiement est confirmé : le dossier est terminé.',
  cancel: 'Le dossier a été annulé.',
  'force-transition': "L'équipe FinancialTracker a modifié le statut du dossier.",
};

const TYPE: Record<string, NotificationType> = {
  'propose-expert': 'assignment.proposed',
  'accept-assignment': 'assignment.accepted',
  'decline-assignment': 'assignment.declined',
  'expire-proposal': 'assignment.expired',
  'request-documents': 'document.requested',
};

/**
 * Notifies the parties of a dossier other than the one who acted, in the same transaction as the
 * change (a rolled-back transition notifies no one). Each party's preferences decide the channels:
 * in the app and/or an e-mail sent by the notification delivery job.
 */
export async function notifyParties(
  trx: Kysely<DB>,
  notify: Notify,
  input: {
    dossierId: string;
    productName: string;
    action: string;
    actorId: string | null;
  },
) {
  const what = WHAT[input.action];
  if (!what) return;
  const parties = await sql<{ party: string; user_id: string; email: string }>`
    select party, user_id, email from app_dossier_parties(${input.dossierId})`.execute(trx);
  for (const party of parties.rows) {
    if (party.user_id === input.actorId) continue;
    await notify(trx, {
      userId: party.user_id,
      type: TYPE[input.action] ?? 'dossier.transition',
      title: `Dossier « ${input.productName} »`,
      body: what,
      link: `/dossiers/${input.dossierId}`,
      dossierId: input.dossierId,
    });
  }
}
