// The API's session lookup (modules/auth: findLiveSession, then touchSession), statement for
// statement, so that both baselines pay for knowing who calls as the API does.
import { createHash } from 'node:crypto';
import type { BaselineDatabase } from './database';

export type Caller = { userId: string; role: 'client' | 'expert' | 'admin' };

const IDLE_TIMEOUT_MS = 7 * 24 * 3600 * 1000;
const LAST_SEEN_PRECISION_MS = 5 * 60 * 1000;

// What Kysely compiles for authRepository.findLiveSession.
const LIVE_SESSION = `select "s"."id" as "session_id", "u"."id" as "user_id", "u"."role", "u"."status",
  "e"."approval_status", "s"."last_seen_at" from "sessions" as "s"
  inner join "users" as "u" on "u"."id" = "s"."user_id"
  left join "expert_profiles" as "e" on "e"."user_id" = "u"."id"
  where "s"."token_hash" = $1 and "s"."revoked_at" is null and "s"."expires_at" > $2 and "s"."last_seen_at" > $3`;

type SessionRow = { session_id: string; user_id: string; role: Caller['role']; last_seen_at: Date };

/** The caller of `Authorization: Bearer …`, or null (no token, or no live session). */
export async function lookupSession(
  db: BaselineDatabase,
  authorization: string | undefined,
): Promise<Caller | null> {
  if (!authorization?.startsWith('Bearer ')) return null;
  const token = authorization.slice('Bearer '.length).trim();
  const hash = createHash('sha256').update(token).digest('hex');
  const now = Date.now();
  const [session] = await db.query<SessionRow>(LIVE_SESSION, [
    hash,
    new Date(now),
    new Date(now - IDLE_TIMEOUT_MS),
  ]);
  if (!session) return null;
  if (now - session.last_seen_at.getTime() >= LAST_SEEN_PRECISION_MS)
    await db.query('update "sessions" set "last_seen_at" = $1 where "id" = $2', [
      new Date(),
      session.session_id,
    ]);
  return { userId: session.user_id, role: session.role };
}

/** A status the baselines answer with instead of 500 (401 without a live session). */
export class BaselineRefusal extends Error {
  constructor(readonly status: number) {
    super(`baseline refused: ${status}`);
  }
}

/** The caller, or a 401 as the API's requireActor answers. */
export function requireCaller(caller: Caller | null): Caller {
  if (!caller) throw new BaselineRefusal(401);
  return caller;
}
