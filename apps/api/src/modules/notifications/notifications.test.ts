import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approvedExpert,
  type Caller,
  clientWithDossiers,
  createAdmin,
  signupClient,
  signupExpert,
} from '../../../test/factories';
import { named, namedTitle, notifyAs } from '../../../test/notify-as';
import { createTestApp, type TestApp } from '../../../test/test-app';

let t: TestApp;
let admin: Caller;

beforeAll(async () => {
  t = await createTestApp();
  admin = await createAdmin(t);
});
afterAll(() => t.close());

const get = (caller: Caller, url: string) => t.app.inject({ url, headers: caller.headers });
const post = (caller: Caller, url: string) => t.app.inject({ method: 'POST', url, headers: caller.headers });
const unread = async (caller: Caller) => (await get(caller, '/api/notifications/unread-count')).json().count;

async function clientWithNotifications(count: number) {
  const client = await signupClient(t.app);
  const sender = await signupClient(t.app);
  for (let i = 1; i <= count; i++) {
    await notifyAs(
      t.database.db,
      sender.id,
      named(client.id, 'dossier.transition', `Notification ${i}`, '/espace'),
    );
  }
  return client;
}

describe('notification inbox', () => {
  it('tells the expert a dossier is proposed, in the list and the unread count', async () => {
    const { client, byProduct } = await clientWithDossiers(t.app);
    const expert = await approvedExpert(t, admin, { productCodes: ['ELECTRICITY_SUPPLIER'] });
    const id = byProduct.ELECTRICITY_SUPPLIER ?? '';
    const before = await unread(expert);
    const proposed = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${id}/propose-expert`,
      headers: client.headers,
      payload: { expertId: expert.id },
    });
    expect(proposed.statusCode).toBe(200);
    expect(await unread(expert)).toBe(before + 1);
    const list = (await get(expert, '/api/notifications?filter=unread')).json();
    expect(list.items[0]).toMatchObject({
      type: 'assignment.proposed',
      link: `/dossiers/${id}`,
      dossierId: id,
      readAt: null,
      archivedAt: null,
    });
    // The client acted: it is not told of its own action.
    const own = (await get(client, '/api/notifications')).json().items;
    expect(own.some((n: { dossierId: string | null }) => n.dossierId === id)).toBe(false);
  });

  it('pages newest first with a cursor, without gaps or repeats', async () => {
    const client = await clientWithNotifications(5);
    const first = (await get(client, '/api/notifications?limit=2')).json();
    expect(first.items.map((n: { title: string }) => n.title)).toEqual([
      namedTitle('Notification 5'),
      namedTitle('Notification 4'),
    ]);
    const titles = [...first.items];
    let cursor = first.nextCursor;
    while (cursor) {
      const next = (await get(client, `/api/notifications?limit=2&cursor=${cursor}`)).json();
      titles.push(...next.items);
      cursor = next.nextCursor;
    }
    expect(titles.map((n: { title: string }) => n.title)).toEqual([
      namedTitle('Notification 5'),
      namedTitle('Notification 4'),
      namedTitle('Notification 3'),
      namedTitle('Notification 2'),
      namedTitle('Notification 1'),
    ]);
    const bad = await get(client, '/api/notifications?cursor=nope');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const badFilter = await get(client, '/api/notifications?filter=everything');
    expect(badFilter.statusCode).toBe(400);
    expect(JSON.stringify(badFilter.json())).toContain('filter');
  });

  it('marks one read, all read, and archives; filters follow', async () => {
    const client = await clientWithNotifications(3);
    expect(await unread(client)).toBe(3);
    const [third, second, first] = (await get(client, '/api/notifications')).json().items;

    const read = await post(client, `/api/notifications/${third.id}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).not.toBeNull();
    // Reading again keeps the first read time.
    expect((await post(client, `/api/notifications/${third.id}/read`)).json().readAt).toBe(
      read.json().readAt,
    );
    expect(await unread(client)).toBe(2);
    const unreadTitles = (await get(client, '/api/notifications?filter=unread')).json().items;
    expect(unreadTitles.map((n: { id: string }) => n.id)).toEqual([second.id, first.id]);

    const archived = await post(client, `/api/notifications/${second.id}/archive`);
    expect(archived.statusCode).toBe(200);
    expect(archived.json()).toMatchObject({ id: second.id });
    expect(archived.json().archivedAt).not.toBeNull();
    expect(archived.json().readAt).not.toBeNull();
    expect(await unread(client)).toBe(1);
    const inbox = (await get(client, '/api/notifications')).json().items.map((n: { id: string }) => n.id);
    expect(inbox).toEqual([third.id, first.id]);
    const archive = (await get(client, '/api/notifications?filter=archived')).json().items;
    expect(archive.map((n: { id: string }) => n.id)).toEqual([second.id]);

    const all = await post(client, '/api/notifications/read-all');
    expect(all.json()).toEqual({ updated: 1 });
    expect(await unread(client)).toBe(0);
    expect((await post(client, '/api/notifications/read-all')).json()).toEqual({ updated: 0 });
  });

  it("gives another user 404 on someone else's notification and never lists it", async () => {
    const owner = await clientWithNotifications(1);
    const [mine] = (await get(owner, '/api/notifications')).json().items;
    const intruders = [await signupClient(t.app), await approvedExpert(t, admin), admin];
    for (const intruder of intruders) {
      expect((await post(intruder, `/api/notifications/${mine.id}/read`)).statusCode).toBe(404);
      expect((await post(intruder, `/api/notifications/${mine.id}/archive`)).statusCode).toBe(404);
      const listed = (await get(intruder, '/api/notifications?limit=100')).json().items;
      expect(listed.some((n: { id: string }) => n.id === mine.id)).toBe(false);
      await post(intruder, '/api/notifications/read-all');
    }
    // Nobody else's read-all touched it.
    expect(await unread(owner)).toBe(1);
    expect((await post(owner, '/api/notifications/not-a-uuid/read')).statusCode).toBe(400);
  });

  it('requires a session, but lets an expert awaiting approval read its notifications', async () => {
    expect((await t.app.inject({ url: '/api/notifications' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/notifications/unread-count' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/notifications/read-all' })).statusCode).toBe(401);
    const pending = await signupExpert(t.app);
    expect((await get(pending, '/api/notifications')).statusCode).toBe(200);
  });

  it('tells the expert and the client when an unanswered proposal expires', async () => {
    const { client, byProduct } = await clientWithDossiers(t.app);
    const expert = await approvedExpert(t, admin, { productCodes: ['ELECTRICITY_SUPPLIER'] });
    const id = byProduct.ELECTRICITY_SUPPLIER ?? '';
    await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${id}/propose-expert`,
      headers: client.headers,
      payload: { expertId: expert.id },
    });
    await sql`update expert_assignments set expires_at = now() - interval '1 minute' where dossier_id = ${id}`.execute(
      t.database.db,
    );
    expect(await t.scheduler.runNow('expire-expert-proposals', { force: true })).toBe('succeeded');
    const [toExpert] = (await get(expert, '/api/notifications')).json().items;
    expect(toExpert).toMatchObject({ type: 'assignment.expired', dossierId: id, link: null });
    const [toClient] = (await get(client, '/api/notifications')).json().items;
    expect(toClient).toMatchObject({ type: 'assignment.expired', link: `/dossiers/${id}` });
  });

  it('tells an expert the outcome of its application', async () => {
    const expert = await signupExpert(t.app);
    const rejected = await t.app.inject({
      method: 'POST',
      url: `/api/admin/experts/${expert.id}/reject`,
      headers: admin.headers,
      payload: { reason: 'Diplôme manquant' },
    });
    expect(rejected.statusCode).toBe(200);
    const [notice] = (await get(expert, '/api/notifications')).json().items;
    expect(notice).toMatchObject({
      type: 'expert.approval',
      title: "Votre demande de compte expert n'a pas été retenue",
    });
    expect(notice.body).toContain('Diplôme manquant');
  });
});

describe('notification preferences', () => {
  it('starts with every channel on, for the types that concern the role', async () => {
    const client = await signupClient(t.app);
    const prefs = (await get(client, '/api/notifications/preferences')).json().items;
    expect(prefs.every((p: { inApp: boolean; email: boolean }) => p.inApp && p.email)).toBe(true);
    const types = prefs.map((p: { type: string }) => p.type);
    expect(types).toContain('document.rejected');
    expect(types).not.toContain('expert.approval');
    const expert = await signupExpert(t.app);
    const expertTypes = (await get(expert, '/api/notifications/preferences')).json().items;
    expect(expertTypes.map((p: { type: string }) => p.type)).toContain('expert.approval');
  });

  it('saves the rows sent, keeps the others, and each user has its own', async () => {
    const client = await signupClient(t.app);
    const other = await signupClient(t.app);
    const saved = await t.app.inject({
      method: 'PUT',
      url: '/api/notifications/preferences',
      headers: client.headers,
      payload: { items: [{ type: 'message.new', inApp: true, email: false }] },
    });
    expect(saved.statusCode).toBe(200);
    const find = (items: { type: string }[], type: string) => items.find((item) => item.type === type);
    expect(find(saved.json().items, 'message.new')).toEqual({
      type: 'message.new',
      inApp: true,
      email: false,
    });
    expect(find(saved.json().items, 'dossier.transition')).toMatchObject({ inApp: true, email: true });
    const again = await t.app.inject({
      method: 'PUT',
      url: '/api/notifications/preferences',
      headers: client.headers,
      payload: { items: [{ type: 'dossier.transition', inApp: false, email: true }] },
    });
    expect(find(again.json().items, 'message.new')).toMatchObject({ email: false });
    expect(find(again.json().items, 'dossier.transition')).toMatchObject({ inApp: false });
    const others = (await get(other, '/api/notifications/preferences')).json().items;
    expect(find(others, 'message.new')).toMatchObject({ inApp: true, email: true });
  });

  it('names the bad field and refuses types foreign to the role', async () => {
    const client = await signupClient(t.app);
    const put = (payload: object) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/notifications/preferences',
        headers: client.headers,
        payload,
      });
    const unknown = await put({ items: [{ type: 'weather.report', inApp: true, email: true }] });
    expect(unknown.statusCode).toBe(400);
    expect(JSON.stringify(unknown.json())).toContain('items.0.type');
    const foreign = await put({
      items: [
        { type: 'message.new', inApp: true, email: true },
        { type: 'expert.approval', inApp: true, email: false },
      ],
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors[0].field).toBe('items.1.type');
    const duplicate = await put({
      items: [
        { type: 'message.new', inApp: true, email: true },
        { type: 'message.new', inApp: false, email: true },
      ],
    });
    expect(duplicate.statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/notifications/preferences' })).statusCode).toBe(401);
  });

  it('creates no in-app notification when that channel is off', async () => {
    const client = await signupClient(t.app);
    const sender = await signupClient(t.app);
    await t.app.inject({
      method: 'PUT',
      url: '/api/notifications/preferences',
      headers: client.headers,
      payload: { items: [{ type: 'dossier.transition', inApp: false, email: true }] },
    });
    await notifyAs(t.database.db, sender.id, [
      named(client.id, 'dossier.transition', 'Muet'),
      named(client.id, 'document.requested', 'Visible'),
    ]);
    const titles = (await get(client, '/api/notifications'))
      .json()
      .items.map((n: { title: string }) => n.title);
    expect(titles).toEqual([namedTitle('Visible')]);
  });
});
