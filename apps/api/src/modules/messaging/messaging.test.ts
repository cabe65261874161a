import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedExpert, type Caller, createAdmin, signupClient } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { dossierWithParties, openDossierConversation, send } from './messaging-fixtures';

let t: TestApp;
let admin: Caller;
beforeAll(async () => {
  t = await createTestApp();
  admin = await createAdmin(t);
});
afterAll(() => t.close());

const get = (caller: Caller, url: string) => t.app.inject({ url, headers: caller.headers });

describe('conversations', () => {
  it('gives a dossier one conversation, shared by its client, its expert and admins', async () => {
    const { client, expert, dossierId } = await dossierWithParties(t, admin);
    const first = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossierId}/conversation`,
      headers: client.headers,
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ kind: 'dossier', dossierId, productCode: 'TICPE', unreadCount: 0 });
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossierId}/conversation`,
      headers: expert.headers,
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const roles = (first.json().participants as { id: string; role: string }[]).map((p) => [p.role, p.id]);
    expect(roles).toEqual(
      expect.arrayContaining([
        ['client', client.id],
        ['expert', expert.id],
      ]),
    );

    const byAdmin = await get(admin, `/api/conversations/${first.json().id}`);
    expect(byAdmin.statusCode).toBe(200);
  });

  it('counts unread messages per conversation and in total, and clears them when read', async () => {
    const { client, expert, dossierId } = await dossierWithParties(t, admin);
    const { id } = await openDossierConversation(t, client, dossierId);
    for (const body of ['Bonjour', 'Voici mes questions', 'Merci'])
      expect((await send(t, client, id, body)).statusCode).toBe(201);

    const list = (await get(expert, '/api/conversations')).json();
    expect(list.items.find((c: { id: string }) => c.id === id)).toMatchObject({
      unreadCount: 3,
      lastMessage: { body: 'Merci' },
    });
    expect(list.totalUnread).toBe(3);
    expect((await get(expert, '/api/conversations/unread')).json()).toEqual({ totalUnread: 3 });
    expect((await get(client, '/api/conversations/unread')).json()).toEqual({ totalUnread: 0 });

    const read = await t.app.inject({
      method: 'POST',
      url: `/api/conversations/${id}/read`,
      headers: expert.headers,
      payload: {},
    });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ userId: expert.id, totalUnread: 0 });
    const seen = (await get(client, `/api/conversations/${id}`)).json();
    const expertState = seen.participants.find((p: { id: string }) => p.id === expert.id);
    expect(expertState.lastReadMessageId).toBe(seen.lastMessage.id);
  });

  it('finds conversations by product or participant name', async () => {
    const { client, dossierId } = await dossierWithParties(t, admin);
    await openDossierConversation(t, client, dossierId);
    const hit = (await get(client, '/api/conversations?q=ticpe')).json();
    expect(hit.items).toHaveLength(1);
    const byName = (await get(client, '/api/conversations?q=leroy')).json();
    expect(byName.items).toHaveLength(1);
    expect((await get(client, '/api/conversations?q=introuvable')).json().items).toHaveLength(0);
    expect((await get(client, `/api/conversations?q=${dossierId.slice(0, 8)}`)).json().items).toHaveLength(1);
    // Found by the fuzz suite: a NUL byte reached PostgreSQL and came back as a 500.
    const nul = await get(client, '/api/conversations?q=ti%00cpe');
    expect(nul.statusCode).toBe(400);
    expect(nul.json().errors).toEqual([expect.objectContaining({ field: 'q' })]);
  });

  it('opens one support conversation per user with the admin team', async () => {
    const client = await signupClient(t.app);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/conversations/support',
      headers: client.headers,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'support', dossierId: null });
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/conversations/support',
      headers: client.headers,
    });
    expect(again.json().id).toBe(res.json().id);
    expect((await send(t, client, res.json().id, 'Aide svp')).statusCode).toBe(201);
    const adminList = (await get(admin, '/api/conversations')).json();
    expect(adminList.items.map((c: { id: string }) => c.id)).toContain(res.json().id);
    expect((await send(t, admin, res.json().id, 'Bonjour, que se passe-t-il ?')).statusCode).toBe(201);
    const forAdmin = await t.app.inject({
      method: 'POST',
      url: '/api/conversations/support',
      headers: admin.headers,
    });
    expect(forAdmin.statusCode).toBe(403);
  });
});

describe('who may talk to whom', () => {
  it('answers 404 on every conversation endpoint to another client, an unassigned expert and a former expert', async () => {
    const { client, dossierId, formerExpert } = await dossierWithParties(t, admin);
    const { id } = await openDossierConversation(t, client, dossierId);
    const sent = (await send(t, client, id, 'Privé')).json();
    const otherClient = await signupClient(t.app);
    const unassigned = await approvedExpert(t, admin);
    const support = (
      await t.app.inject({ method: 'POST', url: '/api/conversations/support', headers: client.headers })
    ).json();

    const calls = (conversationId: string, messageId: string) => [
      { method: 'GET' as const, url: `/api/conversations/${conversationId}` },
      { method: 'GET' as const, url: `/api/conversations/${conversationId}/messages` },
      {
        method: 'POST' as const,
        url: `/api/conversations/${conversationId}/messages`,
        payload: { id: randomUUID(), body: 'x' },
      },
      {
        method: 'PATCH' as const,
        url: `/api/conversations/${conversationId}/messages/${messageId}`,
        payload: { body: 'y' },
      },
      { method: 'DELETE' as const, url: `/api/conversations/${conversationId}/messages/${messageId}` },
      { method: 'POST' as const, url: `/api/conversations/${conversationId}/read`, payload: {} },
    ];
    for (const intruder of [otherClient, unassigned, formerExpert]) {
      for (const call of [...calls(id, sent.id), ...calls(support.id, sent.id)]) {
        const res = await t.app.inject({ ...call, headers: intruder.headers });
        expect(res.statusCode, `${call.method} ${call.url}`).toBe(404);
      }
      const open = await t.app.inject({
        method: 'POST',
        url: `/api/dossiers/${dossierId}/conversation`,
        headers: intruder.headers,
      });
      expect(open.statusCode).toBe(404);
      const listed = (await get(intruder, '/api/conversations')).json();
      expect(listed.items.map((c: { id: string }) => c.id)).not.toContain(id);
    }
    expect((await t.app.inject({ url: '/api/conversations' })).statusCode).toBe(401);
  });

  it('takes the conversation away from an expert whose assignment ends', async () => {
    const { client, expert, dossierId } = await dossierWithParties(t, admin);
    const { id } = await openDossierConversation(t, client, dossierId);
    expect((await send(t, expert, id, 'Je m’en occupe')).statusCode).toBe(201);
    await t.database.db
      .updateTable('expert_assignments')
      .set({ status: 'ended' })
      .where('dossier_id', '=', dossierId)
      .where('expert_id', '=', expert.id)
      .execute();
    expect((await get(expert, `/api/conversations/${id}/messages`)).statusCode).toBe(404);
    expect((await send(t, expert, id, 'Encore moi')).statusCode).toBe(404);
    const participants = (await get(client, `/api/conversations/${id}`)).json().participants as {
      id: string;
    }[];
    expect(participants.map((p) => p.id)).not.toContain(expert.id);
  });

  it('lets only the sender edit (within 15 minutes) or delete a message', async () => {
    const { client, expert, dossierId } = await dossierWithParties(t, admin);
    const { id } = await openDossierConversation(t, client, dossierId);
    const message = (await send(t, client, id, 'Premier jet')).json();
    const url = `/api/conversations/${id}/messages/${message.id}`;
    expect(
      (await t.app.inject({ method: 'PATCH', url, headers: expert.headers, payload: { body: 'pirate' } }))
        .statusCode,
    ).toBe(403);
    const edited = await t.app.inject({
      method: 'PATCH',
      url,
      headers: client.headers,
      payload: { body: 'Version finale' },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ body: 'Version finale', editedAt: expect.any(String) });

    await sql`update messages set created_at = created_at - interval '16 minutes' where id = ${message.id}`.execute(
      t.database.db,
    );
    await sql`update message_ids set created_at = created_at - interval '16 minutes' where id = ${message.id}`.execute(
      t.database.db,
    );
    const late = await t.app.inject({
      method: 'PATCH',
      url,
      headers: client.headers,
      payload: { body: 'Trop tard' },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('EDIT_WINDOW_CLOSED');

    expect((await t.app.inject({ method: 'DELETE', url, headers: expert.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'DELETE', url, headers: client.headers })).statusCode).toBe(204);
    const page = (await get(expert, `/api/conversations/${id}/messages`)).json();
    expect(page.items[0]).toMatchObject({ id: message.id, body: '', deletedAt: expect.any(String) });
  });

  it('accepts as attachments only documents of the same dossier', async () => {
    const { client, dossierId } = await dossierWithParties(t, admin);
    const other = await dossierWithParties(t, admin);
    const { id } = await openDossierConversation(t, client, dossierId);
    const document = (dossier: string, owner: string) =>
      t.database.db
        .insertInto('documents')
        .values({ client_id: owner, dossier_id: dossier, item_id: null })
        .returning('id')
        .executeTakeFirstOrThrow();
    const own = await document(dossierId, client.id);
    const foreign = await document(other.dossierId, other.client.id);
    const post = (attachmentIds: string[]) =>
      t.app.inject({
        method: 'POST',
        url: `/api/conversations/${id}/messages`,
        headers: client.headers,
        payload: { id: randomUUID(), body: 'Pièce', attachmentIds },
      });
    const ok = await post([own.id]);
    expect(ok.statusCode).toBe(201);
    expect(ok.json().attachmentIds).toEqual([own.id]);
    const refused = await post([foreign.id]);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('attachmentIds');
  });

  it('refuses an empty or too long body, naming the field', async () => {
    const { client, dossierId } = await dossierWithParties(t, admin);
    const { id } = await openDossierConversation(t, client, dossierId);
    for (const body of ['   ', 'x'.repeat(10_001), 'un\u0000nul']) {
      const res = await send(t, client, id, body);
      expect(res.statusCode).toBe(400);
      expect(JSON.stringify(res.json())).toContain('body');
    }
    expect((await send(t, client, id, 'x'.repeat(10_000))).statusCode).toBe(201);
  });
});

describe('idempotent send', () => {
  it('returns the stored message for the same id, without a duplicate', async () => {
    const { client, expert, dossierId } = await dossierWithParties(t, admin);
    const { id } = await openDossierConversation(t, client, dossierId);
    const messageId = randomUUID();
    const first = await send(t, client, id, 'Une seule fois', messageId);
    expect(first.statusCode).toBe(201);
    const retry = await send(t, client, id, 'Une seule fois', messageId);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(first.json());

    const support = (
      await t.app.inject({ method: 'POST', url: '/api/conversations/support', headers: client.headers })
    ).json();
    expect((await send(t, client, support.id, 'Ailleurs', messageId)).statusCode).toBe(409);
    expect((await send(t, expert, id, 'Par un autre', messageId)).statusCode).toBe(409);
    const page = (await get(client, `/api/conversations/${id}/messages`)).json();
    expect(page.items.filter((m: { id: string }) => m.id === messageId)).toHaveLength(1);
  });

  it('stores one message when retries race each other', async () => {
    const { client, dossierId } = await dossierWithParties(t, admin);
    const { id } = await openDossierConversation(t, client, dossierId);
    const messageId = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 6 }, () => send(t, client, id, 'Course', messageId)),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.json().createdAt)).size).toBe(1);
    const count = await t.database.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('id', '=', messageId)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });
});

describe('cursor pagination', () => {
  it('pages newest first with before, oldest first with after, stable while messages arrive', async () => {
    const { client, expert, dossierId } = await dossierWithParties(t, admin);
    const { id } = await openDossierConversation(t, client, dossierId);
    const initial = await Promise.all(
      Array.from({ length: 24 }, (_, i) => send(t, i % 2 ? expert : client, id, `m${i}`)),
    );
    expect(initial.every((r) => r.statusCode === 201)).toBe(true);
    const initialIds = new Set(initial.map((r) => r.json().id as string));

    const seen: { id: string; createdAt: string; cursor: string }[] = [];
    let before: string | null = null;
    let concurrent: Promise<unknown>[] = [];
    do {
      const query: string = before ? `&before=${before}` : '';
      const pageRes = (await get(client, `/api/conversations/${id}/messages?limit=5${query}`)).json();
      seen.push(...pageRes.items);
      before = pageRes.nextCursor;
      // New messages keep arriving between pages; the older pages must not shift.
      concurrent = [...concurrent, send(t, expert, id, 'pendant'), send(t, client, id, 'pendant')];
      if (seen.length === 5) await Promise.all(concurrent);
    } while (before);
    await Promise.all(concurrent);

    const fromFirstPage = seen.slice(0, 5).map((m) => m.id);
    const older = seen.slice(5).map((m) => m.id);
    expect(new Set(seen.map((m) => m.id)).size).toBe(seen.length);
    expect(new Set([...fromFirstPage, ...older])).toEqual(initialIds);
    const keys = seen.map((m) => `${m.createdAt}|${m.id}`);
    expect(keys).toEqual([...keys].sort().reverse());

    const ascending: string[] = [];
    let after: string | null = seen.at(-1)?.cursor ?? null;
    ascending.push(seen.at(-1)?.id ?? '');
    while (after) {
      const pageRes = (await get(expert, `/api/conversations/${id}/messages?limit=10&after=${after}`)).json();
      ascending.push(...pageRes.items.map((m: { id: string }) => m.id));
      after = pageRes.nextCursor;
    }
    expect(ascending).toHaveLength(24 + 2 * Math.ceil(24 / 5) + 0);
    expect(ascending.slice(0, 24)).toEqual([...seen].reverse().map((m) => m.id));
  });

  it('refuses a malformed cursor with 400', async () => {
    const { client, dossierId } = await dossierWithParties(t, admin);
    const { id } = await openDossierConversation(t, client, dossierId);
    expect((await get(client, `/api/conversations/${id}/messages?before=nope`)).statusCode).toBe(400);
  });
});

describe('scheduled work', () => {
  it('notifies once per unread burst older than five minutes, and again after a read', async () => {
    const { client, expert, dossierId, formerExpert } = await dossierWithParties(t, admin);
    const { id } = await openDossierConversation(t, client, dossierId);
    await send(t, client, id, 'Un');
    await send(t, client, id, 'Deux');
    const notificationsOf = (userId: string) =>
      t.database.db
        .selectFrom('notifications')
        .selectAll()
        .where('user_id', '=', userId)
        .where('type', '=', 'message.new')
        .execute();

    await t.scheduler.runNow('notify-unread-messages', { force: true });
    expect(await notificationsOf(expert.id)).toHaveLength(0);

    const age = async () => {
      await sql`update messages set created_at = created_at - interval '6 minutes' where conversation_id = ${id}`.execute(
        t.database.db,
      );
      await sql`update conversation_participants set last_read_at = last_read_at - interval '6 minutes',
        notified_up_to = notified_up_to - interval '6 minutes' where conversation_id = ${id}`.execute(
        t.database.db,
      );
    };
    await age();
    await t.scheduler.runNow('notify-unread-messages', { force: true });
    const [first, ...rest] = await notificationsOf(expert.id);
    expect(rest).toHaveLength(0);
    expect(first).toMatchObject({
      title: '2 nouveaux messages',
      link: `/messages?conversation=${id}`,
      dossier_id: dossierId,
    });
    expect(await notificationsOf(client.id)).toHaveLength(0);
    expect(await notificationsOf(formerExpert.id)).toHaveLength(0);

    await send(t, client, id, 'Trois');
    await age();
    await t.scheduler.runNow('notify-unread-messages', { force: true });
    expect(await notificationsOf(expert.id)).toHaveLength(1);

    await t.app.inject({
      method: 'POST',
      url: `/api/conversations/${id}/read`,
      headers: expert.headers,
      payload: {},
    });
    await send(t, client, id, 'Quatre');
    await age();
    await t.scheduler.runNow('notify-unread-messages', { force: true });
    expect(await notificationsOf(expert.id)).toHaveLength(2);
  });

  it('creates next year’s message partition', async () => {
    await sql`drop table if exists ${sql.id(`messages_y${new Date().getUTCFullYear() + 1}`)}`.execute(
      t.database.db,
    );
    await t.scheduler.runNow('ensure-message-partition', { force: true });
    const found = await sql<{
      name: string | null;
    }>`select to_regclass(${`messages_y${new Date().getUTCFullYear() + 1}`})::text as name`.execute(
      t.database.db,
    );
    expect(found.rows[0]?.name).toBe(`messages_y${new Date().getUTCFullYear() + 1}`);
  });
});
