import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signupClient } from '../../test/factories';
import { createLiveEnvironment, type LiveEnvironment, runCli } from '../../test/live-environment';
import { maintenanceCommand } from '../cli/maintenance';
import type { DB } from '../database';
import type { DatabaseHandle } from '../platform/db/database';
import { JobScheduler } from '../platform/jobs/scheduler';
import { BACKUP_JOB, type MaintenanceKind, maintenanceJob } from './jobs';
import type { MaintenanceReport } from './maintenance-report';

let live: LiveEnvironment;
let database: DatabaseHandle<DB>;
let app: FastifyInstance;
let appScheduler: JobScheduler<DB>;
const logDir = () => path.join(live.dataDir, 'logs');

beforeAll(async () => {
  live = await createLiveEnvironment((dataDir) => ({
    BACKUP_SCHEDULE: 'daily',
    LOG_DIR: path.join(dataDir, 'logs'),
  }));
  database = await live.open();
  appScheduler = new JobScheduler<DB>(database.db, pino({ level: 'silent' }));
  app = await live.app(database, appScheduler);
}, 60_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
  await live?.close();
});

/** Runs a maintenance job the way the CLI does: forced, through a scheduler, report captured. */
async function runMaintenance(kind: MaintenanceKind) {
  const scheduler = new JobScheduler<DB>(database.db, pino({ level: 'silent' }));
  let report: MaintenanceReport = { lines: [], problems: [] };
  let text = '';
  scheduler.register(
    maintenanceJob(kind, { config: live.config, database }, (printed, result) => {
      text = printed;
      report = result;
    }),
  );
  const outcome = await scheduler.runNow(`maintenance-${kind}`, { force: true });
  return { outcome, report, text };
}

describe('daily maintenance', () => {
  it('purges what expired, counts recent errors and reports them as a problem', async () => {
    const db = database.db;
    const expired = await signupClient(app);
    const active = await signupClient(app);
    await sql`update sessions set expires_at = now() - interval '1 minute' where user_id = ${expired.id}`.execute(
      db,
    );
    await sql`update email_tokens set expires_at = now() - interval '1 minute' where user_id = ${expired.id}`.execute(
      db,
    );
    const simulation = await app.inject({
      method: 'POST',
      url: '/api/simulations',
      payload: { answers: {} },
    });
    expect(simulation.statusCode).toBe(201);
    await sql`update simulations set expires_at = now() - interval '1 minute' where client_id is null`.execute(
      db,
    );
    await sql`insert into job_runs (job_name, instance_id, outcome, error, finished_at)
      values ('deliver-mail', 'test', 'failed', 'SMTP refused', now())`.execute(db);

    const { outcome, report, text } = await runMaintenance('daily');
    expect(text).toMatch(/^maintenance daily/);
    expect(report.lines.join('\n')).toMatch(/database size: [\d.]+ (KiB|MiB)/);
    expect(report.lines.join('\n')).toMatch(
      /errors in the last 24 h: 1 \(failed job runs: 1 \[deliver-mail ×1\]; failed mails: 0\)/,
    );
    expect(report.lines.join('\n')).toMatch(
      /purged: 1 expired, idle or revoked sessions, 1 expired e-mail tokens, 1 expired anonymous simulations/,
    );
    expect(report.problems).toEqual(['1 error(s) recorded in the last 24 h']);
    expect(outcome).toBe('failed');

    const sessions = await db.selectFrom('sessions').select('user_id').execute();
    expect(sessions.map((s) => s.user_id)).toEqual([active.id]);
    const journal = await db
      .selectFrom('job_runs')
      .select(['outcome', 'error'])
      .where('job_name', '=', 'maintenance-daily')
      .execute();
    expect(journal).toEqual([{ outcome: 'failed', error: '1 error(s) recorded in the last 24 h' }]);
  });

  it('creates next year’s message partition through the messaging schema, then reports it covered', async () => {
    const db = database.db;
    const next = new Date().getUTCFullYear() + 1;
    // The migration made next year's partition already; take it away as a year-old database would lack it.
    await sql`drop table if exists ${sql.id(`messages_y${next}`)}`.execute(db);
    const first = await runMaintenance('daily');
    expect(first.report.lines).toContain(`message partitions: created messages_y${next} for ${next}`);
    const second = await runMaintenance('daily');
    expect(second.report.lines).toContain(`message partitions: ${next} covered by messages_y${next}`);
  });
});

describe('weekly maintenance', () => {
  it('vacuums, removes old logs and verifies the backups', async () => {
    fs.mkdirSync(logDir(), { recursive: true });
    const old = path.join(logDir(), 'api.2026-01-01.log');
    const fresh = path.join(logDir(), 'api.log');
    fs.writeFileSync(old, 'old\n');
    fs.writeFileSync(fresh, 'fresh\n');
    const tenDaysAgo = new Date(Date.now() - 10 * 24 * 3600 * 1000);
    fs.utimesSync(old, tenDaysAgo, tenDaysAgo);

    const withoutBackup = await runMaintenance('weekly');
    expect(withoutBackup.outcome).toBe('failed');
    expect(withoutBackup.report.problems[0]).toMatch(/^no backup to verify/);
    expect(fs.existsSync(old)).toBe(false);
    expect(fs.existsSync(fresh)).toBe(true);

    // The server's own scheduled backup job (registered by the application).
    expect(await appScheduler.runNow(BACKUP_JOB, { force: true })).toBe('succeeded');
    const { outcome, report } = await runMaintenance('weekly');
    expect(report.lines[0]).toMatch(/^vacuum analyze: done/);
    expect(report.lines.join('\n')).toMatch(
      /backups: 1 kept; latest \S+ restored to a scratch database: \d+ tables, 0 files, identical/,
    );
    expect(report.problems).toEqual([]);
    expect(outcome).toBe('succeeded');
  }, 120_000);
});

describe('npm run maintenance', () => {
  it('needs daily or weekly', async () => {
    const usage = await runCli(() => maintenanceCommand(live.config, ['monthly']));
    expect(usage.code).toBe(2);
  });

  it.runIf(process.env.FT_TEST_DB === 'server')(
    'does nothing while another instance holds the maintenance lock',
    async () => {
      await database.db.connection().execute(async (connection) => {
        await sql`select pg_advisory_lock(hashtext('job:maintenance-daily'))`.execute(connection);
        try {
          const busy = await runCli(() => maintenanceCommand(live.config, ['daily']));
          expect(busy.code).toBe(1);
          expect(busy.err).toMatch(/Another instance is running maintenance-daily/);
        } finally {
          await sql`select pg_advisory_unlock(hashtext('job:maintenance-daily'))`.execute(connection);
        }
      });
      const done = await runCli(() => maintenanceCommand(live.config, ['daily']));
      expect(done.out).toMatch(/maintenance daily .*\n {2}database size/);
    },
  );

  it.runIf(process.env.FT_TEST_DB !== 'server')(
    'tells to rely on the server while it owns the embedded database',
    async () => {
      const refused = await runCli(() => maintenanceCommand(live.config, ['weekly']));
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(/The running server performs this maintenance itself/);
    },
  );
});
