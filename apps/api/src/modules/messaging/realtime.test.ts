import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { WebSocket } from 'ws';
import { type Caller, createAdmin, signupClient } from '../../../test/factories';
import { withDatabase } from '../../../test/global-setup';
import type { TestApp } from '../../../test/test-app';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db';
import { buildApp } from '../../app';
import { loadConfig } from '../../config';
import type { DB } from '../../database';
import { transactionWithCommitHooks } from '../../platform/db/commit-hooks';
import { type DatabaseHandle, openDatabase } from '../../platform/db/database';
import { JobScheduler } from '../../platform/jobs/scheduler';
import { createRealtimeHub } from '../../platform/realtime/create';
import { createNotificationsService } from '../notifications/service';
import { dossierWithParties, openDossierConversation, send } from './messaging-fixtures';

const serverUrl = (database: TestDatabase) => {
  const server = inject('serverTemplate');
  return server ? withDatabase(server.url, database.name) : undefined;
};

/** The application as main.ts builds it: its own hub over LISTEN/NOTIFY, listening on a real port. */
async function startInstance(database: DatabaseHandle<DB>, databaseUrl: string | undefined) {
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', JOBS_ENABLED: 'false' }, 'test');
  const hub = await createRealtimeHub({
    redisUrl: undefined,
    databaseUrl,
    embedded: database.embedded,
    log: logger,
  });
  const scheduler = new JobScheduler<DB>(database.db, logger);
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ft-files-'));
  const app = await buildApp({
    config,
    database,
    logger,
    scheduler,
    filesDir,
    hub,
    realtimeHeartbeatMs: 1000,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  const instance: TestApp = {
    app,
    database: { ...database, name: 'instance' },
    scheduler,
    filesDir,
    close: async () => {
      await app.close();
      fs.rmSync(filesDir, { recursive: true, force: true });
    },
  };
  return { ...instance, hub, url: `ws://127.0.0.1:${port}/api/realtime`, origin: `http://127.0.0.1:${port}` };
}

type Received = { type: string; payload: Record<string, unknown> };

/** A connected socket and everything it received. */
async function connect(url: string, headers: Record<string, string>) {
  const socket = new WebSocket(url, { headers });
  const received: Received[] = [];
  socket.on('message', (data) => received.push(JSON.parse(data.toString()) as Received));
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.on('message', () => resolve());
  });
  const waitFor = async (predicate: (event: Received) => boolean, timeoutMs = 5000) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = received.find(predicate);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no matching event; received ${JSON.stringify(received.map((e) => e.type))}`);
  };
  return { socket, received, closed, waitFor };
}

const handshakeStatus = (url: string, headers: Record<string, string>) =>
  new Promise<number>((resolve) => {
    const socket = new WebSocket(url, { headers });
    socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.on('open', () => {
      socket.close();
      resolve(101);
    });
  });

describe('real-time socket', () => {
  let database: TestDatabase;
  let a: Awaited<ReturnType<typeof startInstance>>;
  let admin: Caller;
  beforeAll(async () => {
    database = await createTestDatabase();
    a = await startInstance(database, serverUrl(database));
    admin = await createAdmin(a);
  });
  afterAll(async () => {
    await a.close();
    await database.close();
  });

  it('refuses a socket without a session or from a foreign origin', async () => {
    const client = await signupClient(a.app);
    expect(await handshakeStatus(a.url, { origin: a.origin })).toBe(401);
    expect(await handshakeStatus(a.url, { ...client.headers, origin: 'https://evil.example' })).toBe(403);
    expect(await handshakeStatus(a.url, { ...client.headers, origin: a.origin })).toBe(101);
  });

  it('pushes messages, receipts and typing to the conversation’s readers only', async () => {
    const { client, expert, dossierId } = await dossierWithParties(a, admin);
    const outsider = await signupClient(a.app);
    const { id } = await openDossierConversation(a, client, dossierId);
    const clientSocket = await connect(a.url, { ...client.headers, origin: a.origin });
    const expertSocket = await connect(a.url, expert.headers);
    const outsiderSocket = await connect(a.url, outsider.headers);

    const sent = (await send(a, client, id, 'Bonjour en direct')).json();
    const created = await expertSocket.waitFor((e) => e.type === 'message.created');
    expect(created.payload).toMatchObject({
      conversationId: id,
      message: { id: sent.id, body: 'Bonjour en direct' },
    });
    await clientSocket.waitFor((e) => e.type === 'message.created');

    expertSocket.socket.send(JSON.stringify({ type: 'typing', conversationId: id }));
    expertSocket.socket.send(JSON.stringify({ type: 'typing', conversationId: id }));
    const typing = await clientSocket.waitFor((e) => e.type === 'typing');
    expect(typing.payload).toMatchObject({ conversationId: id, userId: expert.id });

    await a.app.inject({
      method: 'POST',
      url: `/api/conversations/${id}/read`,
      headers: expert.headers,
      payload: {},
    });
    const receipt = await clientSocket.waitFor((e) => e.type === 'conversation.read');
    expect(receipt.payload).toMatchObject({
      conversationId: id,
      userId: expert.id,
      lastReadMessageId: sent.id,
    });

    // A message too large for one NOTIFY arrives truncated; the browser refetches it.
    await send(a, expert, id, 'x'.repeat(9000));
    const large = await clientSocket.waitFor(
      (e) => e.type === 'message.created' && e.payload.truncated === true,
    );
    expect(large.payload.conversationId).toBe(id);

    await new Promise((r) => setTimeout(r, 300));
    expect(outsiderSocket.received.map((e) => e.type)).toEqual(['realtime.ready']);
    expect(expertSocket.received.filter((e) => e.type === 'typing')).toHaveLength(0);
    expect(clientSocket.received.filter((e) => e.type === 'typing')).toHaveLength(1);
    for (const s of [clientSocket, expertSocket, outsiderSocket]) s.socket.close();
  });

  it('announces nothing for a change that rolls back', async () => {
    const client = await signupClient(a.app);
    const socket = await connect(a.url, client.headers);
    const hub = await createRealtimeHub({
      redisUrl: undefined,
      databaseUrl: serverUrl(database),
      embedded: database.embedded,
      log: pino({ level: 'silent' }),
    });
    await database.db
      .transaction()
      .execute(async (trx) => {
        await hub.publish(trx, [client.id], { type: 'probe', payload: { n: 1 } });
        throw new Error('rollback');
      })
      .catch(() => {});
    await database.db
      .transaction()
      .execute((trx) => hub.publish(trx, [client.id], { type: 'probe', payload: { n: 2 } }));
    const probe = await socket.waitFor((e) => e.type === 'probe');
    expect(probe.payload).toEqual({ n: 2 });
    expect(socket.received.filter((e) => e.type === 'probe')).toHaveLength(1);
    await hub.close();
    socket.socket.close();
  });

  it('pushes in-app notifications to their recipient once committed', async () => {
    const client = await signupClient(a.app);
    const other = await signupClient(a.app);
    const socket = await connect(a.url, client.headers);
    const otherSocket = await connect(a.url, other.headers);
    const { notify } = createNotificationsService({ hub: a.hub });
    await transactionWithCommitHooks(database.db, (trx) =>
      notify(trx, {
        userId: client.id,
        type: 'message.new',
        template: 'message.new.support',
        params: { count: 1 },
      }),
    );
    const pushed = await socket.waitFor((e) => e.type === 'notification.created');
    expect(pushed.payload).toMatchObject({ type: 'message.new', title: 'Nouveau message' });
    await new Promise((r) => setTimeout(r, 200));
    expect(otherSocket.received.map((e) => e.type)).toEqual(['realtime.ready']);
    socket.socket.close();
    otherSocket.socket.close();
  });

  it('closes sockets with 1012 (service restart) when the server stops', async () => {
    const other = await startInstance(database, serverUrl(database));
    const client = await signupClient(other.app);
    const socket = await connect(other.url, client.headers);
    await other.close();
    expect(await socket.closed).toBe(1012);
  });

  it('closes a socket whose session ended', async () => {
    const client = await signupClient(a.app);
    const socket = await connect(a.url, client.headers);
    await a.app.inject({ method: 'POST', url: '/api/auth/logout', headers: client.headers });
    expect(await socket.closed).toBe(4401);
  });
});

describe.runIf(inject('serverTemplate'))('across instances (PostgreSQL server)', () => {
  it('delivers a message posted to instance A to a socket on instance B', async () => {
    const database = await createTestDatabase();
    const url = serverUrl(database) ?? '';
    const secondPool = await openDatabase<DB>({ kind: 'server', url, poolSize: 3 });
    const a = await startInstance(database, url);
    const b = await startInstance(secondPool, url);
    try {
      const admin = await createAdmin(a);
      const { client, expert, dossierId } = await dossierWithParties(a, admin);
      const { id } = await openDossierConversation(a, client, dossierId);
      const onB = await connect(b.url, expert.headers);
      const sent = (await send(a, client, id, 'Depuis A')).json();
      const received = await onB.waitFor((e) => e.type === 'message.created');
      expect(received.payload).toMatchObject({
        conversationId: id,
        message: { id: sent.id, body: 'Depuis A' },
      });
      onB.socket.close();
    } finally {
      await b.close();
      await a.close();
      await secondPool.close();
      await database.close();
    }
  });
});
