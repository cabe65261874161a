import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFICE_HOURS, proposal } from '../src/modules/appointments/fixtures';
import { multipart, PDF } from '../src/modules/documents/test-support';
import {
  approvedExpert,
  type Caller,
  clientWithDossiers,
  createAdmin,
  signupClient,
  signupExpert,
} from './factories';
import { exampleOf, type Operation, operationsOf } from './openapi';
import { createTestApp, type TestApp } from './test-app';

/**
 * The access matrix, generated from the API's own OpenAPI description: every operation is called
 * by every actor that must not reach the owner's data, with the owner's real ids in the path and a
 * valid body. A new route is in the matrix the day it is registered.
 */

/** Reviewed: what anyone may call without a target of someone else's (sign-up, catalogue, health…). */
const PUBLIC = new Set([
  'POST /api/auth/signup/client',
  'POST /api/auth/signup/expert',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/auth/session',
  'POST /api/auth/password-reset/request',
  'POST /api/auth/password-reset',
  'POST /api/auth/verify-email',
  'GET /api/products',
  'GET /api/simulator/questions',
  'POST /api/simulations',
  'GET /health',
  'GET /api/health',
  'GET /health/ready',
  'GET /api/health/ready',
]);

/** Optional fields a cross-field rule of the body asks for (the JSON schema cannot say it). */
const BODY_EXTRAS: Record<string, Record<string, unknown>> = {
  'POST /api/auth/2fa/verify': { code: '123456' },
};

/** Calls that end the caller's own session: run last, their answer only checked for no 5xx. */
const SESSION_ENDING = new Set([
  'POST /api/auth/logout',
  'POST /api/auth/logout-all',
  'POST /api/auth/password',
]);

let t: TestApp;
let operations: Operation[];
let owner: Caller;
let expert: Caller;
let admin: Caller;
const ids: Record<string, string> = {};
const actors: Record<string, Caller | null> = {};

const call = (caller: Caller | null, method: string, url: string, payload?: unknown) =>
  t.app.inject({
    method: method as 'GET',
    url,
    headers: caller?.headers ?? {},
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
async function ok(caller: Caller, method: string, url: string, payload?: unknown) {
  const res = await call(caller, method, url, payload);
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** The owner's ids each path parameter is filled with, by route. */
function urlOf(operation: Operation, as: string): string {
  const query = new URLSearchParams(
    operation.query.map(({ name, schema }): [string, string] => [
      name,
      // Refined strings the generator cannot guess from the schema alone.
      String(exampleOf(schema, { dossierId: ids.dossierId ?? '', duration: '60' }, name)),
    ]),
  ).toString();
  return `${pathOf(operation, as)}${query ? `?${query}` : ''}`;
}

function pathOf(operation: Operation, as: string): string {
  return operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const p = operation.path;
    if (name === 'version') return '1';
    if (name === 'code') return 'ELECTRICITY_SUPPLIER';
    if (name === 'file') return `${'0'.repeat(32)}.ics`;
    if (name === 'itemId') return ids.itemId ?? '';
    if (name === 'messageId') return ids.messageId ?? '';
    if (p.startsWith('/api/auth/sessions')) return ids.sessionId ?? '';
    if (p.startsWith('/api/admin/experts') || p.startsWith('/api/experts')) return expert.id;
    if (p.startsWith('/api/simulations')) return ids.simulationId ?? '';
    if (p.startsWith('/api/notifications')) return ids.notificationId ?? '';
    // The proposed-only expert is tried on the papers of the dossier proposed to it.
    if (p.startsWith('/api/documents'))
      return (as === 'proposed-only expert' ? ids.proposedDocumentId : ids.documentId) ?? '';
    if (p.startsWith('/api/appointments')) return ids.appointmentId ?? '';
    if (p.startsWith('/api/conversations')) return ids.conversationId ?? '';
    return ids.dossierId ?? '';
  });
}

function bodyOf(operation: Operation) {
  if (operation.method === 'POST' && operation.path === '/api/dossiers/{id}/documents') {
    const form = multipart(PDF, 'piece.pdf');
    return { payload: form.payload, headers: { 'content-type': form.contentType } };
  }
  if (!operation.body) return {};
  // Property names whose value a refinement constrains beyond the JSON schema (a 6-digit code).
  const known = { expertId: expert.id, documentId: ids.documentId ?? '', code: '123456' };
  const generated = exampleOf(operation.body, known);
  const extra = BODY_EXTRAS[`${operation.method} ${operation.path}`];
  return { payload: extra && typeof generated === 'object' ? { ...generated, ...extra } : generated };
}

async function snapshot() {
  const dossier = `/api/dossiers/${ids.dossierId}`;
  return {
    dossier: await ok(owner, 'GET', dossier),
    timeline: await ok(owner, 'GET', `${dossier}/timeline`),
    documents: await ok(owner, 'GET', `${dossier}/documents`),
    document: await ok(owner, 'GET', `/api/documents/${ids.documentId}`),
    messages: await ok(owner, 'GET', `/api/conversations/${ids.conversationId}/messages`),
    appointment: await ok(owner, 'GET', `/api/appointments/${ids.appointmentId}`),
    notifications: await ok(owner, 'GET', '/api/notifications?filter=all'),
    sessions: (await ok(owner, 'GET', '/api/auth/sessions')).sessions?.length,
    expertView: await ok(expert, 'GET', dossier),
    proposed: await ok(owner, 'GET', `/api/dossiers/${ids.proposedDossierId}`),
    simulation: (await ok(owner, 'GET', `/api/simulations/${ids.simulationId}`)).id,
  };
}

function nextMondayAt(hourUtc: number) {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + ((8 - date.getUTCDay()) % 7 || 7) + 7);
  date.setUTCHours(hourUtc, 0, 0, 0);
  return date.toISOString();
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await createAdmin(t);
  const world = await clientWithDossiers(t.app);
  owner = world.client;
  expert = await approvedExpert(t, admin, { productCodes: ['ELECTRICITY_SUPPLIER', 'TICPE'] });
  await ok(expert, 'PUT', '/api/me/availability', OFFICE_HOURS);
  const dossierId = world.byProduct.ELECTRICITY_SUPPLIER ?? '';
  ids.dossierId = dossierId;
  await ok(owner, 'POST', `/api/dossiers/${dossierId}/propose-expert`, { expertId: expert.id });
  await ok(expert, 'POST', `/api/dossiers/${dossierId}/accept-assignment`, {});
  const upload = (id: string) => {
    const form = multipart(PDF, 'rib.pdf');
    return t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${id}/documents`,
      headers: { ...owner.headers, 'content-type': form.contentType },
      payload: form.payload,
    });
  };
  ids.documentId = (await upload(dossierId)).json().id;
  const conversation = await ok(owner, 'POST', `/api/dossiers/${dossierId}/conversation`);
  ids.conversationId = conversation.id;
  ids.messageId = (
    await ok(owner, 'POST', `/api/conversations/${conversation.id}/messages`, {
      id: crypto.randomUUID(),
      body: 'Bonjour, voici le contrat.',
    })
  ).id;
  ids.appointmentId = (
    await ok(owner, 'POST', `/api/dossiers/${dossierId}/appointments`, proposal(nextMondayAt(9)))
  ).id;
  ids.itemId = (await ok(owner, 'GET', `/api/dossiers/${world.byProduct.TICPE}`)).items[0]?.id;
  ids.notificationId = (await ok(owner, 'GET', '/api/notifications?filter=all')).items[0]?.id;
  ids.sessionId = (await ok(owner, 'GET', '/api/auth/sessions')).sessions[0]?.id;
  ids.simulationId = (await ok(owner, 'GET', '/api/simulations/latest')).simulation.id;

  // A second dossier of the owner, proposed (not accepted) to its own expert, with a paper on it.
  const proposedDossierId = world.byProduct.TICPE ?? '';
  ids.proposedDossierId = proposedDossierId;
  ids.proposedDocumentId = (await upload(proposedDossierId)).json().id;
  await ok(admin, 'POST', `/api/dossiers/${proposedDossierId}/force-transition`, {
    to: 'admin_validated',
    reason: 'Vérifié',
  });
  const proposedExpert = await approvedExpert(t, admin, { productCodes: ['TICPE'] });
  await ok(owner, 'POST', `/api/dossiers/${proposedDossierId}/propose-expert`, {
    expertId: proposedExpert.id,
  });

  const suspended = await approvedExpert(t, admin, { productCodes: ['ELECTRICITY_SUPPLIER'] });
  await ok(admin, 'POST', `/api/admin/experts/${suspended.id}/suspend`, { reason: 'Contrôle en cours' });
  Object.assign(actors, {
    anonymous: null,
    'other client': await signupClient(t.app),
    'unassigned expert': await approvedExpert(t, admin, { productCodes: ['ELECTRICITY_SUPPLIER'] }),
    'proposed-only expert': proposedExpert,
    'pending expert': await signupExpert(t.app, { productCodes: ['ELECTRICITY_SUPPLIER'] }),
    'suspended expert': suspended,
  });
  const spec = (await t.app.inject({ url: '/api/openapi.json' })).json();
  operations = operationsOf(spec);
}, 120_000);
afterAll(() => t.close());

describe('access matrix from /api/openapi.json', () => {
  it('names only routes that exist as public', () => {
    const names = new Set(operations.map((o) => `${o.method} ${o.path}`));
    expect([...PUBLIC].filter((name) => !names.has(name))).toEqual([]);
  });

  it('refuses every operation on the owner’s data to every foreign actor, and the owner’s view does not move', async () => {
    const before = await snapshot();
    const failures: string[] = [];
    let calls = 0;
    const ordered = [...operations].sort(
      (a, b) =>
        Number(SESSION_ENDING.has(`${a.method} ${a.path}`)) -
        Number(SESSION_ENDING.has(`${b.method} ${b.path}`)),
    );
    for (const operation of ordered) {
      const name = `${operation.method} ${operation.path}`;
      const targeted = operation.path.includes('{');
      const admin = operation.path.startsWith('/api/admin') || operation.path === '/api/dashboard/admin';
      for (const [as, caller] of Object.entries(actors)) {
        const { payload, headers } = bodyOf(operation);
        const res = await t.app.inject({
          method: operation.method as 'GET',
          url: urlOf(operation, as),
          headers: { ...(caller?.headers ?? {}), ...(headers ?? {}) },
          ...(payload === undefined ? {} : { payload: payload as object }),
        });
        calls += 1;
        const status = res.statusCode;
        const line = `${as} → ${name}: ${status} ${res.body.slice(0, 160)}`;
        if (status >= 500) failures.push(line);
        else if (targeted || admin) {
          if (![401, 403, 404].includes(status)) failures.push(line);
        } else if (!PUBLIC.has(name) && caller === null && status !== 401) failures.push(line);
      }
    }
    expect(failures).toEqual([]);
    expect(await snapshot()).toEqual(before);
    console.info(
      `access matrix: ${operations.length} operations × ${Object.keys(actors).length} actors = ${calls} calls`,
    );
  }, 600_000);
});
