import type { DossierStatus } from '@ft/contracts';
import { progressOf } from '@ft/domain';
import { type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type { DB } from '../../database';
import type { ChangeParty } from '../../platform/changes/tables';
import { notFound } from '../../platform/http/errors';
import type { DossierItemsTable, DossiersTable, ExpertAssignmentsTable } from './tables';

export type Dossier = Selectable<DossiersTable>;
/** The columns an action may set besides the status (the status and progress move together). */
export type DossierChanges = Omit<Updateable<DossiersTable>, 'status' | 'progress' | 'id' | 'client_id'>;
type ItemStatus = Selectable<DossierItemsTable>['status'];
type AssignmentEnd = Extract<Selectable<ExpertAssignmentsTable>['status'], 'declined' | 'expired' | 'ended'>;

/** Reads and writes of dossier rows for the workflow, in the caller's transaction and scope. */
export const dossierRepository = {
  /** Row lock: of two concurrent transitions the second waits, then finds the new status (409). */
  async lock(trx: Kysely<DB>, id: string): Promise<Dossier> {
    const dossier = await trx
      .selectFrom('dossiers')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!dossier) throw notFound('Dossier introuvable.');
    return dossier;
  },

  async moveTo(trx: Kysely<DB>, dossier: Dossier, to: DossierStatus, changes: DossierChanges = {}) {
    await trx
      .updateTable('dossiers')
      .set({
        ...changes,
        status: to,
        progress: progressOf(to, dossier.progress ?? 0),
        status_changed_at: new Date(),
        updated_at: new Date(),
      })
      .where('id', '=', dossier.id)
      .execute();
  },

  /** The client and the proposed or accepted expert, as the caller (who sees the dossier) may read them. */
  async parties(trx: Kysely<DB>, id: string): Promise<ChangeParty[]> {
    const rows = await sql<{ party: ChangeParty['party']; user_id: string }>`
      select party, user_id from app_dossier_parties(${id})`.execute(trx);
    return rows.rows.map((row) => ({ party: row.party, userId: row.user_id }));
  },

  liveAssignment(trx: Kysely<DB>, dossierId: string) {
    return trx
      .selectFrom('expert_assignments')
      .selectAll()
      .where('dossier_id', '=', dossierId)
      .where('status', 'in', ['proposed', 'accepted'])
      .forUpdate()
      .executeTakeFirst();
  },

  /** Ends whatever assignment is live: the expert loses the dossier with it (row-level security). */
  async endLiveAssignment(trx: Kysely<DB>, dossierId: string, status: AssignmentEnd, reason: string | null) {
    await trx
      .updateTable('expert_assignments')
      .set({ status, responded_at: new Date(), reason })
      .where('dossier_id', '=', dossierId)
      .where('status', 'in', ['proposed', 'accepted'])
      .execute();
  },

  async respond(
    trx: Kysely<DB>,
    assignmentId: string,
    status: 'accepted' | AssignmentEnd,
    reason: string | null,
  ) {
    await trx
      .updateTable('expert_assignments')
      .set({ status, responded_at: new Date(), reason })
      .where('id', '=', assignmentId)
      .execute();
  },

  /** Labels of required items of `source` whose status is not one of `accepted`. */
  async itemsMissing(
    trx: Kysely<DB>,
    dossierId: string,
    source: 'checklist' | 'expert',
    accepted: ItemStatus[],
  ): Promise<string[]> {
    const rows = await trx
      .selectFrom('dossier_items')
      .select('label')
      .where('dossier_id', '=', dossierId)
      .where('source', '=', source)
      .where('required', '=', true)
      .where('status', 'not in', accepted)
      .execute();
    return rows.map((row) => row.label);
  },
};

export type DossierRepository = typeof dossierRepository;
