import { randomUUID } from 'node:crypto';
import { frenchVatKey } from '@ft/contracts';
import { WORKED_EXAMPLE_A } from '@ft/domain';
import type { FastifyInstance } from 'fastify';
import type { DemoAccount } from './demo';
import { totpFor } from './totp';

type Json = Record<string, unknown>;

/** A tiny valid PDF: the document checks read the file's signature, not its name. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/**
 * Gives the demo accounts a history a newcomer can explore, created through the real API as the
 * three people would have (so the timeline, notifications, conversation and invoice are the
 * product's own): the client's transport company has dossiers in audit, waiting for documents,
 * with a quote to answer and one completed (refund granted, invoice paid), a conversation with its
 * expert and an appointment.
 */
export async function seedDemoStory(app: FastifyInstance, accounts: DemoAccount[]) {
  const call = async <T = Json>(token: string, method: string, url: string, body?: unknown): Promise<T> => {
    const res = await app.inject({
      method: method as 'GET',
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(body === undefined ? {} : { payload: body as Json }),
    });
    if (res.statusCode >= 300)
      throw new Error(`demo story: ${method} ${url} → ${res.statusCode} ${res.body}`);
    return (res.body ? res.json() : {}) as T;
  };
  const login = async (role: string) => {
    const account = accounts.find((a) => a.role === role);
    if (!account) throw new Error(`demo story: no ${role} account`);
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: account.email, password: account.password },
    });
    const session = res.json() as { token: string; user: { id: string }; secondFactor?: string };
    // Admins and experts sign in with a second factor: the seed answers as their authenticator app.
    if (session.secondFactor === 'verify' && account.totpSecret) {
      const code = totpFor(account.totpSecret, account.email).generate();
      await call(session.token, 'POST', '/api/auth/2fa/verify', { code });
    }
    return session;
  };
  const [admin, expert, client] = [await login('admin'), await login('expert'), await login('client')];
  const A = admin.token;
  const E = expert.token;
  const C = client.token;

  const simulation = await call<{ id: string }>(C, 'POST', '/api/simulations', { answers: WORKED_EXAMPLE_A });
  await call(C, 'POST', `/api/simulations/${simulation.id}/evaluate`);
  const list = await call<{ items: { id: string; productCode: string }[] }>(
    C,
    'GET',
    '/api/dossiers?limit=100',
  );
  const dossierOf = (code: string) => {
    const found = list.items.find((d) => d.productCode === code);
    if (!found) throw new Error(`demo story: no ${code} dossier`);
    return found.id;
  };
  const act = (token: string, id: string, action: string, body: Json = {}) =>
    call(token, 'POST', `/api/dossiers/${id}/${action}`, body);

  const uploadChecklist = async (id: string) => {
    const detail = await call<{ items: { id: string; label: string; required: boolean }[] }>(
      C,
      'GET',
      `/api/dossiers/${id}`,
    );
    for (const item of detail.items.filter((i) => i.required)) {
      const boundary = `----demo${randomUUID()}`;
      // "Relevé d'identité bancaire (RIB)" → "relevé-d-identité-bancaire-rib.pdf", no trailing dash.
      const slug = item.label.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '');
      const fileName = `${slug.toLowerCase()}.pdf`;
      const payload = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${fileName}"\r\ncontent-type: application/pdf\r\n\r\n`,
        ),
        PDF,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const res = await app.inject({
        method: 'POST',
        url: `/api/dossiers/${id}/documents?itemId=${item.id}`,
        headers: {
          authorization: `Bearer ${C}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
        payload,
      });
      if (res.statusCode !== 201) throw new Error(`demo story: upload → ${res.statusCode} ${res.body}`);
    }
  };
  /** The client's legal representative reads and signs the engagement letter and the mandate. */
  const signLetters = async (id: string) => {
    const { documents } = await call<{ documents: { id: string; sha256: string }[] }>(
      C,
      'GET',
      `/api/dossiers/${id}/engagements`,
    );
    for (const document of documents)
      await call(C, 'POST', `/api/engagements/${document.id}/sign`, {
        documentSha256: document.sha256,
        signerName: 'Paul Durand',
        signerCapacity: 'Gérant',
        consent: true,
      });
  };
  /** Documents, review by the team, expert chosen by the client and accepted, letters signed. */
  const toAssigned = async (id: string) => {
    await uploadChecklist(id);
    await act(C, id, 'submit-for-review');
    await act(A, id, 'validate-eligibility');
    await act(C, id, 'propose-expert', { expertId: expert.user.id });
    await act(E, id, 'accept-assignment');
    await signLetters(id);
  };
  // The billing identity an invoice needs (the short-track quote below is left to sign and accept).
  await call(C, 'PATCH', '/api/clients/me/profile', {
    billingStreet: '14 rue des Entrepôts',
    billingPostcode: '69007',
    billingCity: 'Lyon',
    vatNumber: `FR${frenchVatKey('732829320')}732829320`,
  });
  const today = new Date().toISOString().slice(0, 10);

  // Completed: refund granted by the administration, fee invoiced (Factur-X) and paid.
  const dfs = dossierOf('DFS');
  await toAssigned(dfs);
  await act(E, dfs, 'start-audit');
  await act(E, dfs, 'complete-audit', {
    finalAmountCents: 1_642_050,
    report: 'Abattement DFS appliqué aux 12 chauffeurs routiers sur 2023 et 2024 : 16 420,50 € à récupérer.',
  });
  await act(C, dfs, 'approve-audit');
  await act(E, dfs, 'file-claim', {
    authority: 'URSSAF Rhône-Alpes',
    reference: 'DFS-2025-0412',
    filedOn: today,
  });
  await act(E, dfs, 'record-decision', {
    decision: 'accepted',
    grantedAmountCents: 1_642_050,
    decidedOn: today,
  });
  await act(E, dfs, 'confirm-refund');
  await act(C, dfs, 'confirm-payment');
  await call(C, 'POST', `/api/dossiers/${dfs}/rate-expert`, {
    score: 5,
    comment: 'Clair, rapide et efficace.',
  });

  // In audit.
  const ticpe = dossierOf('TICPE');
  await toAssigned(ticpe);
  await act(E, ticpe, 'start-audit');

  // Waiting for the client's documents.
  const urssaf = dossierOf('URSSAF');
  await toAssigned(urssaf);
  await act(E, urssaf, 'request-documents', {
    items: [
      { label: 'Bordereaux récapitulatifs URSSAF 2024', required: true },
      { label: 'DSN de décembre 2024', required: true },
    ],
  });

  // Short track: a quote waiting for the client's answer.
  const electricity = dossierOf('ELECTRICITY_SUPPLIER');
  await act(C, electricity, 'propose-expert', { expertId: expert.user.id });
  await act(E, electricity, 'accept-assignment');
  const validUntil = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  await act(E, electricity, 'send-quote', {
    amountCents: 90_000,
    description:
      'Mise en concurrence de cinq fournisseurs et renégociation du contrat pour vos trois dépôts.',
    validUntil,
  });

  // A conversation about the dossier waiting for documents.
  const conversation = await call<{ id: string }>(C, 'POST', `/api/dossiers/${urssaf}/conversation`);
  const say = (token: string, body: string) =>
    call(token, 'POST', `/api/conversations/${conversation.id}/messages`, { id: randomUUID(), body });
  await say(
    E,
    'Bonjour Monsieur Durand, j’ai besoin des bordereaux URSSAF 2024 et de la DSN de décembre pour terminer l’audit.',
  );
  await say(
    C,
    'Bonjour Madame Martin, notre comptable me les envoie cette semaine, je les dépose dès réception.',
  );
  await say(E, 'Parfait, merci. Je vous propose un point téléphonique pour en parler.');

  // An appointment on the dossier in audit, confirmed by the client.
  await call(E, 'PUT', '/api/me/availability', {
    timeZone: 'Europe/Paris',
    weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '18:00' })),
    exceptions: [],
  });
  const from = new Date(Date.now() + 2 * 86_400_000).toISOString();
  const to = new Date(Date.now() + 9 * 86_400_000).toISOString();
  const slots = await call<{ slots: { startsAt: string }[] }>(
    C,
    'GET',
    `/api/experts/${expert.user.id}/free-slots?dossierId=${ticpe}&duration=45&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
  );
  const startsAt = slots.slots[0]?.startsAt;
  if (startsAt) {
    const appointment = await call<{ id: string }>(E, 'POST', `/api/dossiers/${ticpe}/appointments`, {
      startsAt,
      durationMinutes: 45,
      meeting: { type: 'phone', phone: '+33 1 23 45 67 89' },
      agenda: 'Point sur les volumes de gazole 2023–2024 et les factures de carburant.',
    });
    await call(C, 'POST', `/api/appointments/${appointment.id}/accept`);
  }
}
