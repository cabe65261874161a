// Seeds a migrated database through the real application (signup, simulation, evaluation and
// expert approval over app.inject) so the rows look exactly like production's. Only the expert
// assignments are written in SQL, the way the workflow's own tests do, to skip the long chain of
// workflow steps that leads to them.
import { randomUUID } from 'node:crypto';
import { isValidSiren, WORKED_EXAMPLE_A } from '@ft/domain';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pino from 'pino';
import { buildApp } from '../../apps/api/src/app';
import { loadConfig } from '../../apps/api/src/config';
import type { DB } from '../../apps/api/src/database';
import { createAuthService } from '../../apps/api/src/modules/auth/service';
import { hashToken } from '../../apps/api/src/platform/auth/tokens';
import type { DatabaseHandle } from '../../apps/api/src/platform/db/database';
import { createMailer } from '../../apps/api/src/platform/mail/mailer';

export const BENCH_PASSWORD = 'Bench-password-2026-long';

/** What the scenarios need to call the API as each party. */
export type Seeded = {
  client: { id: string; token: string };
  expert: { id: string; token: string };
  admin: { id: string; token: string };
  /** The conversation of one of the client's dossiers, with a full first page of messages. */
  conversation: { id: string };
  /** An anonymous simulation with every answer given, evaluated by the simulation scenario. */
  simulation: { id: string; token: string; tokenHash: string };
};

let sirenCounter = 0;
/** A SIREN with a valid key, different on every call (and on every run). */
function nextSiren(): string {
  for (;;) {
    sirenCounter++;
    const candidate = String(100_000_000 + ((Date.now() + sirenCounter * 7919) % 899_999_999));
    if (isValidSiren(candidate)) return candidate;
  }
}

async function call(
  app: FastifyInstance,
  method: 'GET' | 'POST',
  url: string,
  token?: string,
  body?: unknown,
) {
  const res = await app.inject({
    method,
    url,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
  });
  if (res.statusCode >= 300) throw new Error(`seed: ${method} ${url} → ${res.statusCode} ${res.body}`);
  return res.json() as Record<string, unknown> & { id: string; token: string };
}

async function signupClient(app: FastifyInstance, n: number) {
  const res = await call(app, 'POST', '/api/auth/signup/client', undefined, {
    email: `bench-client-${n}-${Date.now()}@example.fr`,
    password: BENCH_PASSWORD,
    acceptTerms: true,
    acceptPrivacy: true,
    companyName: `Transports Bench ${n} SAS`,
    siren: nextSiren(),
    firstName: 'Julie',
    lastName: 'Bernard',
    phone: '+33 6 12 34 56 78',
  });
  const user = res.user as { id: string };
  const token = res.token;
  const simulation = await call(app, 'POST', '/api/simulations', token, { answers: WORKED_EXAMPLE_A });
  await call(app, 'POST', `/api/simulations/${simulation.id}/evaluate`, token);
  return { id: user.id, token };
}

/** Opens the conversation of the client's first dossier and posts a page and a half of messages. */
async function seedConversation(app: FastifyInstance, token: string) {
  const list = (await call(app, 'GET', '/api/dossiers', token)) as unknown as { items: { id: string }[] };
  const dossier = list.items[0];
  if (!dossier) throw new Error('seed: the client has no dossier');
  const conversation = await call(app, 'POST', `/api/dossiers/${dossier.id}/conversation`, token, {});
  for (let n = 0; n < 45; n++)
    await call(app, 'POST', `/api/conversations/${conversation.id}/messages`, token, {
      id: randomUUID(),
      body: `Message ${n} : pièces du dossier.`,
    });
  return { id: conversation.id };
}

/**
 * Five clients who ran worked example A (seven dossiers each) and one approved expert assigned to
 * eleven of those dossiers across three clients: the lists the scenarios read are real-sized pages.
 */
export async function seedThroughApi(database: DatabaseHandle<DB>): Promise<Seeded> {
  const log = pino({ level: 'silent' });
  const config = loadConfig(
    { NODE_ENV: 'test', LOG_LEVEL: 'silent', JOBS_ENABLED: 'false', RATE_LIMIT_MAX: '100000000' },
    'bench',
  );
  const app = await buildApp({ config, database, logger: log });
  await app.ready();
  try {
    const clients = [];
    for (let n = 0; n < 5; n++) clients.push(await signupClient(app, n));

    const mailer = createMailer({ smtpUrl: undefined, from: 'bench', log });
    const auth = createAuthService({ db: database.db, mailer, publicUrl: 'http://localhost' });
    const adminEmail = `bench-admin-${Date.now()}@example.fr`;
    await auth.createAdmin({ email: adminEmail, password: BENCH_PASSWORD });
    const adminLogin = await call(app, 'POST', '/api/auth/login', undefined, {
      email: adminEmail,
      password: BENCH_PASSWORD,
    });

    const expertSignup = await call(app, 'POST', '/api/auth/signup/expert', undefined, {
      email: `bench-expert-${Date.now()}@example.fr`,
      password: BENCH_PASSWORD,
      acceptTerms: true,
      acceptPrivacy: true,
      firmName: 'Cabinet Bench',
      siren: nextSiren(),
      firstName: 'Marc',
      lastName: 'Leroy',
      productCodes: ['TICPE', 'URSSAF', 'DFS'],
      yearsOfExperience: 8,
      bio: 'Expert-comptable.',
    });
    const expertId = (expertSignup.user as { id: string }).id;
    await call(app, 'POST', `/api/admin/experts/${expertId}/approve`, adminLogin.token, {});

    const assignable = clients.slice(0, 3).map((c) => c.id);
    await sql`
      insert into expert_assignments (dossier_id, expert_id, status, expires_at, responded_at)
      select d.id, ${expertId}, 'accepted', now() + interval '30 days', now()
      from dossiers d
      where d.client_id in (${sql.join(assignable)})
      order by d.created_at
      limit 11`.execute(database.db);

    const simulation = await call(app, 'POST', '/api/simulations', undefined, { answers: WORKED_EXAMPLE_A });
    const first = clients[0];
    if (!first) throw new Error('seed: no client');
    const conversation = await seedConversation(app, first.token);
    return {
      client: first,
      expert: { id: expertId, token: expertSignup.token },
      conversation,
      admin: { id: (adminLogin.user as { id: string }).id, token: adminLogin.token },
      simulation: {
        id: simulation.id,
        token: simulation.token,
        tokenHash: hashToken(simulation.token),
      },
    };
  } finally {
    await app.close();
  }
}
