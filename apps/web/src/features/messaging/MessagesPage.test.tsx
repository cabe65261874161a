import type { Conversation, Message } from '@ft/contracts';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithApp } from '../../test/render';
import { MessagesPage } from './MessagesPage';

const ME = 'a0000000-0000-4000-8000-000000000001';
const EXPERT = 'a0000000-0000-4000-8000-000000000002';
const CONVERSATION = 'c0000000-0000-4000-8000-000000000001';

const message = (id: string, senderId: string, body: string, createdAt: string): Message => ({
  id,
  conversationId: CONVERSATION,
  senderId,
  body,
  attachmentIds: [],
  createdAt,
  editedAt: null,
  deletedAt: null,
  cursor: id,
});
const conversation: Conversation = {
  id: CONVERSATION,
  kind: 'dossier',
  dossierId: 'd0000000-0000-4000-8000-000000000001',
  productCode: 'TICPE',
  productName: 'Remboursement de TICPE',
  participants: [
    {
      id: ME,
      role: 'client',
      name: 'Julie Bernard (Transports Exemple)',
      lastReadAt: null,
      lastReadMessageId: null,
    },
    {
      id: EXPERT,
      role: 'expert',
      name: 'Marc Leroy (Cabinet Exemple)',
      lastReadAt: null,
      lastReadMessageId: null,
    },
  ],
  lastMessage: null,
  lastMessageAt: '2026-11-25T10:01:00.000Z',
  unreadCount: 2,
};

type Call = { method: string; url: string; body: unknown };
let calls: Call[];
function stubApi(conversations: Conversation[]) {
  calls = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      calls.push({ method, url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      if (url === '/api/auth/session')
        return Response.json({
          user: { id: ME, email: 'julie@example.fr', role: 'client', status: 'active' },
          profile: { companyName: 'Transports Exemple' },
        });
      if (url.startsWith('/api/conversations?') || url === '/api/conversations')
        return Response.json({ items: conversations, totalUnread: 2 });
      if (url === `/api/conversations/${CONVERSATION}`) return Response.json(conversation);
      if (url.startsWith(`/api/conversations/${CONVERSATION}/messages`) && method === 'GET')
        return Response.json({
          items: [
            message('m2', EXPERT, 'Envoyez-moi vos factures.', '2026-11-25T10:01:00.000Z'),
            message('m1', ME, 'Bonjour', '2026-11-25T10:00:00.000Z'),
          ],
          nextCursor: null,
        });
      if (url.endsWith('/messages') && method === 'POST') {
        const body = JSON.parse(String(init?.body)) as { id: string; body: string };
        return Response.json(message(body.id, ME, body.body, '2026-11-25T10:02:00.000Z'), { status: 201 });
      }
      if (url.endsWith('/read'))
        return Response.json({ userId: ME, lastReadAt: null, lastReadMessageId: 'm2', totalUnread: 0 });
      if (url.startsWith('/api/dossiers/')) return Response.json({ items: [] });
      return Response.json({ code: 'NOT_FOUND' }, { status: 404 });
    }),
  );
}

beforeEach(() =>
  vi.stubGlobal(
    'IntersectionObserver',
    class {
      observe() {}
      disconnect() {}
    },
  ),
);
afterEach(() => vi.unstubAllGlobals());

describe('messages page', () => {
  it('says there is no conversation yet and how to start one', async () => {
    stubApi([]);
    renderWithApp(<MessagesPage />, '/messages');
    expect(await screen.findByText("Aucune conversation pour l'instant")).toBeTruthy();
  });

  it('lists conversations with their unread count and shows the thread oldest first', async () => {
    stubApi([conversation]);
    renderWithApp(<MessagesPage />, `/messages?conversation=${CONVERSATION}`);
    expect(await screen.findByText('2 messages non lus')).toBeTruthy();
    await screen.findByText('Envoyez-moi vos factures.');
    const bodies = screen.getAllByTestId('message').map((node) => node.textContent ?? '');
    expect(bodies[0]).toContain('Bonjour');
    expect(bodies[1]).toContain('Envoyez-moi vos factures.');
    await waitFor(() => expect(calls.some((c) => c.url.endsWith('/read'))).toBe(true));
  });

  it('fetches the conversation, its messages and the list once each when a thread opens', async () => {
    stubApi([conversation]);
    renderWithApp(<MessagesPage />, `/messages?conversation=${CONVERSATION}`);
    await screen.findByText('Envoyez-moi vos factures.');
    await waitFor(() => expect(calls.some((c) => c.url.endsWith('/read'))).toBe(true));
    // The read mark's answer is applied to the caches: nothing is asked again.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const gets = (match: (url: string) => boolean) =>
      calls.filter((c) => c.method === 'GET' && match(c.url)).length;
    expect(gets((url) => url === `/api/conversations/${CONVERSATION}`)).toBe(1);
    expect(gets((url) => url.startsWith(`/api/conversations/${CONVERSATION}/messages`))).toBe(1);
    expect(gets((url) => url === '/api/conversations' || url.startsWith('/api/conversations?'))).toBe(1);
  });

  it('sends with Enter (Shift+Enter adds a line) under a client-chosen id', async () => {
    stubApi([conversation]);
    renderWithApp(<MessagesPage />, `/messages?conversation=${CONVERSATION}`);
    const composer = await screen.findByLabelText('Votre message');
    await userEvent.type(composer, 'Voici les pièces{Shift>}{Enter}{/Shift}Cordialement');
    expect(calls.filter((c) => c.method === 'POST' && c.url.endsWith('/messages'))).toHaveLength(0);
    await userEvent.type(composer, '{Enter}');
    await screen.findByText(/Cordialement/);
    const sent = calls.find((c) => c.method === 'POST' && c.url.endsWith('/messages'));
    expect(sent?.body).toMatchObject({ body: 'Voici les pièces\nCordialement', attachmentIds: [] });
    expect((sent?.body as { id?: string } | undefined)?.id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
