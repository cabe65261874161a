import {
  DOSSIER_ACTIONS,
  type DossierActionBody,
  type DossierStatus,
  type Track,
  type UserDossierAction,
} from '@ft/contracts';
import { checkTransition, statusesOfTrack } from '@ft/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approvedExpert,
  type Caller,
  completeBilling,
  createAdmin,
  signEngagements,
  signupClient,
} from './factories';
import { createTestApp, type TestApp } from './test-app';

/**
 * The workflow sweep: on both tracks, in every status a dossier can reach, every action by every
 * role through HTTP. The state machine is the oracle: what it allows succeeds with the expected
 * next status, a timeline entry, an audit row and a notification to every other party; what it
 * refuses answers 403/404/409 and changes nothing. Never a 5xx.
 */

type Role = 'client' | 'expert' | 'admin';
const ROLES: readonly Role[] = ['client', 'expert', 'admin'];
const USER_ACTIONS = DOSSIER_ACTIONS.filter((a): a is UserDossierAction => a !== 'expire-proposal');
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

let t: TestApp;
let expert: Caller;
let admin: Caller;
const PRODUCT: Record<Track, string> = { full: 'TICPE', short: 'ELECTRICITY_SUPPLIER' };

/** A valid body for every action (the compiler checks none is missing). */
const bodies = (): { [A in UserDossierAction]: DossierActionBody<A> } => ({
  'submit-for-review': {},
  'validate-eligibility': {},
  'reject-eligibility': { reason: 'Pièces incomplètes' },
  'propose-expert': { expertId: expert.id },
  'accept-assignment': {},
  'decline-assignment': { reason: 'Pas disponible' },
  'request-documents': { items: [{ label: 'Factures de carburant', required: true }] },
  'submit-documents': {},
  'start-audit': {},
  'complete-audit': { finalAmountCents: 250_000, report: 'Audit complet des consommations 2024.' },
  'approve-audit': {},
  'reject-audit': { reason: 'Montant à revoir' },
  'file-claim': { authority: 'Douanes', reference: 'REF-2026-1', filedOn: inDays(0) },
  'record-decision': { decision: 'accepted', grantedAmountCents: 200_000, decidedOn: inDays(0) },
  'confirm-refund': {},
  'confirm-payment': {},
  'send-quote': { amountCents: 50_000, description: 'Renégociation du contrat', validUntil: inDays(30) },
  'accept-quote': {},
  'decline-quote': { reason: 'Trop cher' },
  'issue-invoice': {},
  cancel: { reason: 'Le client renonce' },
});

type Step = [Role, UserDossierAction];
/** How a dossier of each track reaches each status from `eligible`. */
const MAIN: Record<Track, Step[]> = {
  full: [
    ['client', 'submit-for-review'],
    ['admin', 'validate-eligibility'],
    ['client', 'propose-expert'],
    ['expert', 'accept-assignment'],
    ['expert', 'request-documents'],
    ['client', 'submit-documents'],
    ['expert', 'start-audit'],
    ['expert', 'complete-audit'],
    ['client', 'approve-audit'],
    ['expert', 'file-claim'],
    ['expert', 'record-decision'],
    ['expert', 'confirm-refund'],
    ['client', 'confirm-payment'],
  ],
  short: [
    ['client', 'propose-expert'],
    ['expert', 'accept-assignment'],
    ['expert', 'send-quote'],
    ['client', 'accept-quote'],
    ['expert', 'issue-invoice'],
    ['client', 'confirm-payment'],
  ],
};
const BRANCH: Partial<Record<DossierStatus, { after: number; step: Step; decision?: 'refused' }>> = {
  admin_rejected: { after: 1, step: ['admin', 'reject-eligibility'] },
  claim_refused: { after: 10, step: ['expert', 'record-decision'], decision: 'refused' },
  cancelled: { after: 0, step: ['client', 'cancel'] },
};

/** A dossier and its client: a client has one open dossier per product, so each has its own. */
type Subject = { id: string; client: Caller };
const callerOf = (role: Role, subject: Subject) =>
  role === 'client' ? subject.client : role === 'expert' ? expert : admin;
const post = (role: Role, subject: Subject, action: string, payload: object) =>
  t.app.inject({
    method: 'POST',
    url: `/api/dossiers/${subject.id}/${action}`,
    headers: callerOf(role, subject).headers,
    payload,
  });
const bodyFor = (action: UserDossierAction, decision?: 'refused') =>
  action === 'record-decision' && decision
    ? { decision, grantedAmountCents: 0, decidedOn: inDays(0), reason: 'Hors délai' }
    : bodies()[action];
const statusOf = async (id: string): Promise<DossierStatus> =>
  (await t.database.db.selectFrom('dossiers').select('status').where('id', '=', id).executeTakeFirstOrThrow())
    .status;

/**
 * Items the expert asked for are uploaded, then approved, as the client and expert would; once the
 * expert accepted, the client signs the engagement letter and mandate (the gate of #16).
 */
async function prepare(id: string, status: DossierStatus, client: Caller) {
  if (status === 'documents_requested' || status === 'documents_submitted')
    await sql`update dossier_items set status = ${status === 'documents_requested' ? 'uploaded' : 'approved'}
      where dossier_id = ${id} and source = 'expert'`.execute(t.database.db);
  const pending = await t.database.db
    .selectFrom('engagement_documents')
    .select('id')
    .where('dossier_id', '=', id)
    .where('status', '=', 'pending')
    .execute();
  if (pending.length > 0) await signEngagements(t.app, client, id);
}

/** A new dossier of `track` walked through HTTP to `status`. */
async function dossierAt(track: Track, status: DossierStatus): Promise<Subject> {
  const client = await signupClient(t.app);
  await completeBilling(t.app, client);
  const { id } = await t.database.db
    .insertInto('dossiers')
    .values({
      client_id: client.id,
      product_code: PRODUCT[track],
      track,
      estimated_amount_cents: 300_000,
      estimate_explanation: 'Balayage du parcours',
      simulation_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const branch = BRANCH[status];
  const path = branch ? [...MAIN[track].slice(0, branch.after), branch.step] : pathTo(track, status);
  for (const [index, [role, action]] of path.entries()) {
    await prepare(id, await statusOf(id), client);
    const last = index === path.length - 1;
    const res = await post(
      role,
      { id, client },
      action,
      bodyFor(action, last ? branch?.decision : undefined),
    );
    if (res.statusCode >= 300)
      throw new Error(`walk ${track} to ${status}, ${action}: ${res.statusCode} ${res.body}`);
  }
  await prepare(id, status, client);
  expect(await statusOf(id)).toBe(status);
  return { id, client };
}

function pathTo(track: Track, status: DossierStatus): Step[] {
  if (status === 'eligible') return [];
  let current: DossierStatus = 'eligible';
  const steps: Step[] = [];
  for (const step of MAIN[track]) {
    const check = checkTransition(track, current, step[1], step[0]);
    if (!check.ok) throw new Error(`main path of ${track} broken at ${current} / ${step[1]}`);
    steps.push(step);
    current = check.to;
    if (current === status) return steps;
  }
  throw new Error(`${status} is not on the main path of ${track}`);
}

const notificationCounts = async (dossierId: string) =>
  new Map(
    (
      await t.database.db
        .selectFrom('notifications')
        .select(['user_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('dossier_id', '=', dossierId)
        .groupBy('user_id')
        .execute()
    ).map((row) => [row.user_id, Number(row.n)]),
  );
const partiesOf = async (dossierId: string) => {
  const rows = await t.database.db
    .selectFrom('dossiers as d')
    .leftJoin('expert_assignments as a', (join) =>
      join.onRef('a.dossier_id', '=', 'd.id').on('a.status', 'in', ['proposed', 'accepted']),
    )
    .select(['d.client_id', 'a.expert_id'])
    .where('d.id', '=', dossierId)
    .execute();
  return rows.flatMap((row) => [row.client_id, ...(row.expert_id ? [row.expert_id] : [])]);
};
const auditOf = (dossierId: string, action: string) =>
  t.database.db
    .selectFrom('audit_events')
    .select('actor_id')
    .where('entity_id', '=', dossierId)
    .where('action', '=', `dossier.${action}`)
    .orderBy('id')
    .execute();
const changeCount = async (dossierId: string) =>
  Number(
    (
      await t.database.db
        .selectFrom('change_records')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('entity_id', '=', dossierId)
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await createTestApp();
  admin = await createAdmin(t);
  expert = await approvedExpert(t, admin, { productCodes: [PRODUCT.full, PRODUCT.short] });
}, 60_000);
afterAll(() => t.close());

const covered = { allowed: 0, refused: 0 };
afterAll(() =>
  console.info(`workflow sweep: ${covered.allowed} allowed and ${covered.refused} refused calls`),
);

describe.each(['full', 'short'] as const)('workflow sweep, %s track', (track) => {
  it.each(statusesOfTrack(track))(
    'in %s, every action by every role',
    async (status) => {
      const failures: string[] = [];
      const shared = await dossierAt(track, status);
      for (const action of USER_ACTIONS) {
        for (const role of ROLES) {
          const check = checkTransition(track, status, action, role, {});
          const label = `${track}/${status}: ${role} ${action}`;
          if (!check.ok) {
            const changesBefore = await changeCount(shared.id);
            const res = await post(role, shared, action, bodyFor(action));
            covered.refused += 1;
            if (![403, 404, 409].includes(res.statusCode))
              failures.push(`${label} → ${res.statusCode} ${res.body}`);
            if ((await statusOf(shared.id)) !== status || (await changeCount(shared.id)) !== changesBefore)
              failures.push(`${label} changed the dossier`);
            continue;
          }
          const subject = await dossierAt(track, status);
          const id = subject.id;
          const partiesBefore = await partiesOf(id);
          const noticesBefore = await notificationCounts(id);
          const auditBefore = await auditOf(id, action);
          const res = await post(role, subject, action, bodyFor(action));
          covered.allowed += 1;
          if (res.statusCode !== 200 && !(res.statusCode === 204 && action === 'decline-assignment')) {
            failures.push(`${label} → ${res.statusCode} ${res.body}`);
            continue;
          }
          if ((await statusOf(id)) !== check.to)
            failures.push(`${label} → ${await statusOf(id)}, not ${check.to}`);
          const event = await t.database.db
            .selectFrom('dossier_events')
            .select(['action', 'from_status', 'to_status', 'actor_id'])
            .where('dossier_id', '=', id)
            .orderBy('id', 'desc')
            .executeTakeFirst();
          const actorId = callerOf(role, subject).id;
          expect(event, label).toEqual({
            action,
            from_status: status,
            to_status: check.to,
            actor_id: actorId,
          });
          // The walk may have taken the same action before (request-documents twice): only the new row.
          expect((await auditOf(id, action)).slice(auditBefore.length), label).toEqual([
            { actor_id: actorId },
          ]);
          const noticesAfter = await notificationCounts(id);
          const told = new Set([...partiesBefore, ...(await partiesOf(id))]);
          told.delete(actorId);
          for (const userId of told)
            if ((noticesAfter.get(userId) ?? 0) <= (noticesBefore.get(userId) ?? 0))
              failures.push(
                `${label}: party ${userId === subject.client.id ? 'client' : 'expert'} not notified`,
              );
        }
      }
      expect(failures).toEqual([]);
    },
    300_000,
  );
});
