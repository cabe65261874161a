import type { Message, MessagePage } from '@ft/contracts';
import type { InfiniteData } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { upsertMessage } from './queries';

const message = (id: string, body = id): Message => ({
  id,
  conversationId: 'c',
  senderId: 's',
  body,
  attachmentIds: [],
  createdAt: '2026-11-25T10:00:00.000Z',
  editedAt: null,
  deletedAt: null,
  cursor: id,
});
const thread = (...pages: Message[][]): InfiniteData<MessagePage, string> => ({
  pages: pages.map((items) => ({ items, nextCursor: null })),
  pageParams: pages.map(() => ''),
});

describe('upsertMessage', () => {
  it('puts a new message first in the newest page, once', () => {
    const once = upsertMessage(thread([message('b'), message('a')]), message('c'));
    expect(once?.pages[0]?.items.map((m) => m.id)).toEqual(['c', 'b', 'a']);
    const twice = upsertMessage(once, message('c'));
    expect(twice?.pages[0]?.items.map((m) => m.id)).toEqual(['c', 'b', 'a']);
  });

  it('replaces an edited message where it is, even in an older page', () => {
    const updated = upsertMessage(thread([message('c')], [message('a')]), message('a', 'edited'));
    expect(updated?.pages[1]?.items[0]?.body).toBe('edited');
    expect(updated?.pages[0]?.items.map((m) => m.id)).toEqual(['c']);
  });
});
