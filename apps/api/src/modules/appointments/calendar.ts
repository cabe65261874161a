import { createHash, randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../database';
import { type RequestMeta, recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { withScope } from '../../platform/db/scoped';
import { notFound } from '../../platform/http/errors';
import { type CalendarEntry, renderCalendar } from './ics';
import type { AppointmentRow, AppointmentsRepository } from './repository';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const FEED_PAST_DAYS = 90;

/** `.ics` downloads and the private feed each user may subscribe to from a calendar app. */
export function createCalendarService(deps: {
  db: Kysely<DB>;
  repository: AppointmentsRepository;
  publicUrl: string;
}) {
  const { db, repository: repo, publicUrl } = deps;
  const uidDomain = new URL(publicUrl).hostname;

  async function entries(trx: Kysely<DB>, rows: readonly AppointmentRow[]): Promise<CalendarEntry[]> {
    const names = await repo.productNames(
      trx,
      rows.map((row) => row.dossier_id),
    );
    return rows.map((row) => ({
      row,
      title: `Rendez-vous – ${names.get(row.dossier_id) ?? 'dossier'}`,
      url: `${publicUrl}/dossiers/${row.dossier_id}`,
    }));
  }

  return {
    async appointmentIcs(actor: Actor, id: string) {
      return withScope(db, { userId: actor.userId, role: actor.role }, async (trx) => {
        const row = await repo.find(trx, id);
        if (!row) throw notFound('Rendez-vous introuvable.');
        return renderCalendar(await entries(trx, [row]), { uidDomain });
      });
    },

    async feedState(actor: Actor) {
      const row = await withScope(db, { userId: actor.userId, role: actor.role }, (trx) =>
        trx
          .selectFrom('calendar_feeds')
          .select('created_at')
          .where('user_id', '=', actor.userId)
          .executeTakeFirst(),
      );
      return { active: row !== undefined, createdAt: row ? row.created_at.toISOString() : null };
    },

    /** A new random token replaces any previous one, which stops working at once. */
    async rotateFeed(actor: Actor, meta: RequestMeta) {
      const token = randomBytes(32).toString('base64url');
      await withScope(db, { userId: actor.userId, role: actor.role }, async (trx) => {
        await trx
          .insertInto('calendar_feeds')
          .values({ user_id: actor.userId, token_hash: hashOf(token) })
          .onConflict((oc) =>
            oc.column('user_id').doUpdateSet({ token_hash: hashOf(token), created_at: new Date() }),
          )
          .execute();
        await recordAudit(trx, meta, {
          action: 'calendar-feed.rotated',
          entityType: 'user',
          entityId: actor.userId,
        });
      });
      return { url: `${publicUrl}/api/calendar/${token}.ics` };
    },

    async revokeFeed(actor: Actor, meta: RequestMeta) {
      await withScope(db, { userId: actor.userId, role: actor.role }, async (trx) => {
        await trx.deleteFrom('calendar_feeds').where('user_id', '=', actor.userId).execute();
        await recordAudit(trx, meta, {
          action: 'calendar-feed.revoked',
          entityType: 'user',
          entityId: actor.userId,
        });
      });
    },

    /**
     * The feed has no session: the token is the credential. It is looked up by its hash as the owner
     * (like a session token), then the appointments are read in that user's scope. A suspended
     * account (or an expert no longer approved) gets the same 404 as an unknown token.
     */
    async feed(token: string) {
      const owner = await sql<{ user_id: string; role: Actor['role'] }>`
        select u.id as user_id, u.role from calendar_feeds f join users u on u.id = f.user_id
        left join expert_profiles e on e.user_id = u.id
        where f.token_hash = ${hashOf(token)} and u.status = 'active'
          and (u.role <> 'expert' or e.approval_status = 'approved')`.execute(db);
      const user = owner.rows[0];
      if (!user) throw notFound('Calendrier introuvable.');
      return withScope(db, { userId: user.user_id, role: user.role }, async (trx) => {
        const from = new Date(Date.now() - FEED_PAST_DAYS * 86_400_000);
        const rows = await repo.listForUser(trx, user.user_id, from, new Date('9999-12-31T00:00:00Z'));
        return renderCalendar(await entries(trx, rows), {
          uidDomain,
          name: 'FinancialTracker – rendez-vous',
        });
      });
    },
  };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
