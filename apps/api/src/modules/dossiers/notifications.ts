import type { NotificationType } from '@ft/contracts';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../database';
import type { Notify } from '../notifications/service';

type Party = 'client' | 'expert';

/**
 * What each event means to each party, in its own words: the client reads "vous" about its
 * dossier, the expert about the client's. One entry per event, one text per recipient; a party
 * without a text for an event is not notified of it.
 */
const TEXTS: Record<string, Partial<Record<Party, string>>> = {
  'submit-for-review': {
    expert: 'Le client a envoyé le dossier pour validation.',
  },
  'validate-eligibility': {
    client: 'Votre dossier est validé : choisissez maintenant l’expert qui le traitera.',
  },
  'reject-eligibility': {
    client: 'Votre dossier n’a pas été retenu par l’équipe : le motif est indiqué sur le dossier.',
  },
  'propose-expert': {
    client: 'Votre dossier a été proposé à un expert : il a 48 heures pour répondre.',
    expert: 'Un dossier vous est proposé : vous avez 48 heures pour répondre.',
  },
  'accept-assignment': {
    client: 'L’expert a accepté votre dossier : il va vous demander les pièces nécessaires.',
  },
  'decline-assignment': {
    client: 'L’expert a décliné votre dossier : choisissez un autre expert.',
  },
  'expire-proposal': {
    client: 'L’expert n’a pas répondu à temps : choisissez un autre expert.',
    expert: 'La proposition de dossier a expiré sans réponse de votre part.',
  },
  'request-documents': {
    client: 'Votre expert vous demande des pièces complémentaires : déposez-les sur le dossier.',
  },
  'submit-documents': {
    expert: 'Le client a transmis les pièces demandées : vous pouvez les examiner.',
  },
  'start-audit': {
    client: 'Votre expert a commencé l’audit de votre dossier.',
  },
  'complete-audit': {
    client: 'Votre expert a rendu son audit : acceptez-le ou contestez-le sur le dossier.',
  },
  'approve-audit': {
    expert: 'Le client a accepté votre audit : vous pouvez déposer la demande auprès de l’administration.',
  },
  'reject-audit': {
    expert: 'Le client conteste votre audit : son motif est indiqué sur le dossier.',
  },
  'file-claim': {
    client: 'Votre expert a déposé la demande auprès de l’administration.',
  },
  'record-decision': {
    client: 'L’administration a rendu sa décision sur votre demande : le détail est sur le dossier.',
  },
  'confirm-refund': {
    client: 'Votre remboursement est confirmé : la facture des honoraires est disponible.',
  },
  'send-quote': {
    client: 'Votre expert vous a envoyé un devis : acceptez-le ou refusez-le sur le dossier.',
  },
  'accept-quote': {
    expert: 'Le client a accepté votre devis : vous pouvez émettre la facture.',
  },
  'decline-quote': {
    expert: 'Le client a refusé votre devis : son motif est indiqué sur le dossier.',
  },
  'issue-invoice': {
    client: 'Votre expert a émis sa facture : elle est disponible sur le dossier.',
  },
  'confirm-payment': {
    client: 'Le paiement de votre facture est enregistré : votre dossier est terminé.',
    expert: 'Le client a réglé votre facture : le dossier est terminé.',
  },
  cancel: {
    client: 'Votre dossier a été annulé.',
    expert: 'Le client a annulé le dossier.',
  },
  'force-transition': {
    client: 'L’équipe FinancialTracker a modifié le statut de votre dossier.',
    expert: 'L’équipe FinancialTracker a modifié le statut du dossier.',
  },
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
  const texts = TEXTS[input.action];
  if (!texts) return;
  const parties = await sql<{ party: string; user_id: string; email: string }>`
    select party, user_id, email from app_dossier_parties(${input.dossierId})`.execute(trx);
  for (const party of parties.rows) {
    if (party.user_id === input.actorId) continue;
    const what = texts[party.party as Party];
    if (!what) continue;
    await notify(trx, {
      userId: party.user_id,
      type: TYPE[input.action] ?? 'dossier.transition',
      title:
        party.party === 'client'
          ? `Votre dossier « ${input.productName} »`
          : `Dossier « ${input.productName} »`,
      body: what,
      link: `/dossiers/${input.dossierId}`,
      dossierId: input.dossierId,
    });
  }
}
