import { FAILED_STATUSES, FINAL_STATUSES } from '@ft/contracts';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../database';
import type { Actor } from '../../platform/auth/actor';
import type { Cache } from '../../platform/cache/cache';
import { withScope } from '../../platform/db/scoped';
import type { Mailer } from '../../platform/mail/mailer';
import { createDashboardCache } from './cache';
import { slaDigestMail, uploadReminderMail } from './mails';

const OPEN = sql`d.status not in (${sql.join(FINAL_STATUSES)})`;

// Spec SLAs: admin review 48 h, expert answer 48 h, client upload 7 days after a request.
const SLA_BREACH = sql<boolean>`(d.status = 'pending_admin_review' and d.status_changed_at < now() - interval '48 hours')
  or (d.status = 'expert_proposed' and d.status_changed_at < now() - interval '48 hours')
  or (d.status = 'documents_requested' and d.status_changed_at < now() - interval '7 days')`;

/**
 * Aggregates for each role's dashboard; row-level security limits them to what the viewer may see.
 * Cached (`./cache.ts`): the admin one is the same for every admin, so it is shared; a client's or
 * an expert's is keyed by its user id. Writes elsewhere call `changed`, never these queries.
 */
export function createDashboardService({ db, cache }: { db: Kysely<DB>; cache: Cache }) {
  const scope = (actor: Actor) => ({ userId: actor.userId, role: actor.role });
  const cached = createDashboardCache(cache);

  const byStatus = (trx: Kysely<DB>) =>
    trx
      .selectFrom('dossiers as d')
      .select(['d.status', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('d.status')
      .execute()
      .then((rows) => Object.fromEntries(rows.map((row) => [row.status, Number(row.count)])));

  return {
    changed: cached.changed,

    async client(actor: Actor) {
      return cached.read(`client:${actor.userId}`, () =>
        withScope(db, scope(actor), async (trx) => {
          // Annual and one-off estimates are totalled apart and never added into one figure;
          // dossiers from engine 1.x (no period) are in neither until a re-run restates them.
          const open = sql<boolean>`${OPEN} and not d.no_longer_eligible`;
          const totals = await trx
            .selectFrom('dossiers as d')
            .select([
              sql<number>`coalesce(sum(d.estimated_amount_cents) filter (where ${open} and d.amount_period = 'annual'), 0)`.as(
                'annual',
              ),
              sql<number>`coalesce(sum(d.estimated_amount_cents) filter (where ${open} and d.amount_period = 'oneOff'), 0)`.as(
                'oneOff',
              ),
              sql<number>`count(*) filter (where ${OPEN})`.as('active'),
              sql<number>`count(*) filter (where d.status = 'completed')`.as('completed'),
              sql<number>`coalesce(sum(d.granted_amount_cents) filter (where d.decision in ('accepted', 'partial')), 0)`.as(
                'realised',
              ),
            ])
            .executeTakeFirstOrThrow();
          const terms = await trx
            .selectFrom('dossiers as d')
            .select(['d.id', 'd.claim_by', 'd.claim_by_text', 'd.amount_period'])
            .where(open)
            .where((eb) => eb.or([eb('d.claim_by', 'is not', null), eb('d.amount_period', 'is not', null)]))
            .orderBy('d.claim_by')
            .execute();
          return {
            estimatedAnnualCents: Number(totals.annual),
            estimatedOneOffCents: Number(totals.oneOff),
            activeDossiers: Number(totals.active),
            completedDossiers: Number(totals.completed),
            realisedCents: Number(totals.realised),
            deadlines: terms.flatMap((row) =>
              row.claim_by
                ? [{ dossierId: row.id, claimBy: row.claim_by, claimByText: row.claim_by_text }]
                : [],
            ),
            /** Whether each open dossier's estimate is per year or one-off (the dossier list says it). */
            amountPeriods: Object.fromEntries(
              terms.flatMap((row) => (row.amount_period ? [[row.id, row.amount_period]] : [])),
            ),
          };
        }),
      );
    },

    async expert(actor: Actor) {
      return cached.read(`expert:${actor.userId}`, () =>
        withScope(db, scope(actor), async (trx) => {
          const proposals = await trx
            .selectFrom('expert_assignments as a')
            .innerJoin('dossiers as d', 'd.id', 'a.dossier_id')
            .innerJoin('products as p', 'p.code', 'd.product_code')
            .select(['d.id', 'd.product_code', 'p.name', 'a.expires_at'])
            .where('a.expert_id', '=', actor.userId)
            .where('a.status', '=', 'proposed')
            .orderBy('a.expires_at')
            .execute();
          const inAudit = await trx
            .selectFrom('dossiers as d')
            .select(
              sql<number>`coalesce(sum(coalesce(d.final_amount_cents, d.estimated_amount_cents)), 0)`.as(
                'cents',
              ),
            )
            .where('d.status', 'in', ['audit_in_progress', 'audit_completed'])
            .executeTakeFirstOrThrow();
          const fees = await trx
            .selectFrom('invoices')
            .select([
              sql<string>`to_char(issued_at at time zone 'Europe/Paris', 'YYYY-MM')`.as('month'),
              (eb) => eb.fn.sum<number>('expert_net_cents').as('net'),
            ])
            .where('expert_id', '=', actor.userId)
            .groupBy(sql`1`)
            .orderBy(sql`1`)
            .execute();
          return {
            proposals: proposals.map((p) => ({
              dossierId: p.id,
              productCode: p.product_code,
              productName: p.name,
              expiresAt: p.expires_at.toISOString(),
            })),
            byStatus: await byStatus(trx),
            inAuditCents: Number(inAudit.cents),
            feesByMonth: fees.map((f) => ({ month: f.month, netCents: Number(f.net) })),
          };
        }),
      );
    },

    async admin(actor: Actor) {
      return cached.read('admin', () =>
        withScope(db, scope(actor), async (trx) => {
          const pastSla = await trx
            .selectFrom('dossiers as d')
            .innerJoin('products as p', 'p.code', 'd.product_code')
            .select(['d.id', 'd.product_code', 'd.status', 'd.status_changed_at', 'p.name'])
            .where(SLA_BREACH)
            .orderBy('d.status_changed_at')
            .limit(50)
            .execute();
          const products = await trx
            .selectFrom('products as p')
            .leftJoin('dossiers as d', 'd.product_code', 'p.code')
            .select([
              'p.code',
              'p.name',
              sql<number>`coalesce(sum(d.estimated_amount_cents) filter (where d.status not in (${sql.join(FAILED_STATUSES)})), 0)`.as(
                'estimated',
              ),
              sql<number>`coalesce(sum(d.granted_amount_cents) filter (where d.decision in ('accepted', 'partial')), 0)`.as(
                'realised',
              ),
            ])
            .where('p.active', '=', true)
            .groupBy(['p.code', 'p.name', 'p.sort_order'])
            .orderBy('p.sort_order')
            .execute();
          const pendingExperts = await trx
            .selectFrom('expert_profiles')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('approval_status', '=', 'pending')
            .executeTakeFirstOrThrow();
          const statuses = await byStatus(trx);
          return {
            byStatus: statuses,
            reviewsWaiting: statuses.pending_admin_review ?? 0,
            expertsPending: Number(pendingExperts.n),
            pastSla: pastSla.map((d) => ({
              dossierId: d.id,
              productCode: d.product_code,
              productName: d.name,
              status: d.status,
              since: d.status_changed_at.toISOString(),
            })),
            byProduct: products.map((p) => ({
              code: p.code,
              name: p.name,
              estimatedCents: Number(p.estimated),
              realisedCents: Number(p.realised),
            })),
          };
        }),
      );
    },

    /**
     * Scheduled once a day: e-mails every admin the dossiers past their SLA (nothing when none).
     * Runs as system work, across all tenants.
     */
    async sendSlaDigest(trx: Kysely<DB>, mailer: Mailer, publicUrl: string): Promise<number> {
      const late = await trx
        .selectFrom('dossiers as d')
        .innerJoin('products as p', 'p.code', 'd.product_code')
        .innerJoin('client_profiles as c', 'c.user_id', 'd.client_id')
        .select(['d.id', 'd.status', 'd.status_changed_at', 'd.product_code', 'p.name', 'c.company_name'])
        .where(SLA_BREACH)
        .orderBy('d.status_changed_at')
        .execute();
      if (late.length === 0) return 0;
      const admins = await trx
        .selectFrom('users')
        .select(['email', 'locale'])
        .where('role', '=', 'admin')
        .where('status', '=', 'active')
        .execute();
      for (const admin of admins) await mailer.enqueue(trx, slaDigestMail(admin, late, publicUrl));
      return late.length;
    },

    /**
     * Scheduled daily: reminds clients of documents requested 3 and 6 days ago (the SLA is 7 days).
     * Each reminder is recorded on the timeline, so it is sent once whatever the schedule.
     */
    async sendUploadReminders(trx: Kysely<DB>, mailer: Mailer, publicUrl: string): Promise<number> {
      let sent = 0;
      for (const days of [3, 6]) {
        const due = await trx
          .selectFrom('dossiers as d')
          .innerJoin('users as u', 'u.id', 'd.client_id')
          .innerJoin('products as p', 'p.code', 'd.product_code')
          .select(['d.id', 'u.email', 'u.locale', 'p.code', 'p.name'])
          .where('d.status', '=', 'documents_requested')
          .where(sql<boolean>`d.status_changed_at < now() - make_interval(days => ${days})`)
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('dossier_events as e')
                  .select('e.id')
                  .whereRef('e.dossier_id', '=', 'd.id')
                  .where('e.action', '=', `upload-reminder-${days}d`)
                  .whereRef('e.created_at', '>=', 'd.status_changed_at'),
              ),
            ),
          )
          .execute();
        for (const dossier of due) {
          await mailer.enqueue(trx, uploadReminderMail(dossier, days, `${publicUrl}/dossiers/${dossier.id}`));
          await trx
            .insertInto('dossier_events')
            .values({
              dossier_id: dossier.id,
              actor_id: null,
              action: `upload-reminder-${days}d`,
              from_status: null,
              to_status: null,
              details: JSON.stringify({ days }),
            })
            .execute();
          sent += 1;
        }
      }
      return sent;
    },

    /** Every dossier as CSV (semicolon-separated, as French spreadsheets expect). */
    async adminCsv(actor: Actor): Promise<string> {
      const rows = await withScope(db, scope(actor), (trx) =>
        trx
          .selectFrom('dossiers as d')
          .innerJoin('products as p', 'p.code', 'd.product_code')
          .innerJoin('client_profiles as c', 'c.user_id', 'd.client_id')
          .leftJoin('expert_profiles as e', 'e.user_id', 'd.expert_id')
          .select([
            'd.id',
            'p.name',
            'c.company_name',
            'c.siren',
            'e.firm_name',
            'd.status',
            'd.estimated_amount_cents',
            'd.granted_amount_cents',
            'd.created_at',
            'd.status_changed_at',
          ])
          .orderBy('d.created_at')
          .execute(),
      );
      const cell = (value: unknown) => {
        const text =
          value === null || value === undefined
            ? ''
            : value instanceof Date
              ? value.toISOString()
              : String(value);
        // Quote every cell and neutralise spreadsheet formulas (CSV injection).
        return `"${(/^[=+\-@]/.test(text) ? `'${text}` : text).replace(/"/g, '""')}"`;
      };
      const euros = (cents: number | null) =>
        cents === null ? '' : (cents / 100).toFixed(2).replace('.', ',');
      const header = [
        'id',
        'dispositif',
        'entreprise',
        'siren',
        'expert',
        'statut',
        'estimation_eur',
        'accorde_eur',
        'cree_le',
        'statut_depuis',
      ];
      const lines = rows.map((r) =>
        [
          r.id,
          r.name,
          r.company_name,
          r.siren,
          r.firm_name,
          r.status,
          euros(r.estimated_amount_cents),
          euros(r.granted_amount_cents),
          r.created_at,
          r.status_changed_at,
        ]
          .map(cell)
          .join(';'),
      );
      return `\uFEFF${[header.join(';'), ...lines].join('\r\n')}\r\n`;
    },
  };
}

export type DashboardService = ReturnType<typeof createDashboardService>;
