import type { Conversation, ConversationList, MeResponse, Message, MessagePage } from '@ft/contracts';
import {
  type InfiniteData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { apiRequest } from '../../lib/client';
import { useLiveQueryOptions, useRealtime } from '../../lib/realtime';
import { ME_KEY } from '../../lib/session';

export const conversationsKey = ['conversations'] as const;
export const unreadKey = ['conversations', 'unread'] as const;
export const messagesKey = (conversationId: string) => ['conversations', conversationId, 'messages'] as const;
export const conversationKey = (conversationId: string) =>
  ['conversations', conversationId, 'detail'] as const;
/** The messaging key factory (the names above stay for the code that already uses them). */
export const messagingKeys = {
  all: conversationsKey,
  lists: [...conversationsKey, 'list'] as const,
  list: (q: string) => [...conversationsKey, 'list', q] as const,
  unread: unreadKey,
  conversation: conversationKey,
  messages: messagesKey,
};

export function useConversations(q: string) {
  return useQuery({
    queryKey: messagingKeys.list(q),
    queryFn: ({ signal }) => apiRequest('GET /api/conversations', { query: { q }, signal }),
    ...useLiveQueryOptions(),
  });
}

export function useConversation(conversationId: string) {
  return useQuery({
    queryKey: conversationKey(conversationId),
    queryFn: ({ signal }) =>
      apiRequest('GET /api/conversations/:id', { params: { id: conversationId }, signal }),
    ...useLiveQueryOptions(),
  });
}

/** Where a participant has read up to, as the API answers a read and announces it to the others. */
export type ReadReceipt = { userId: string; lastReadAt: string | null; lastReadMessageId: string | null };

/**
 * Applies a read mark to the cached conversation and lists instead of fetching them again: opening
 * a thread used to refetch its conversation and the list twice each (once for our own request,
 * once for its echo over the socket).
 */
export function applyReadReceipt(
  queryClient: QueryClient,
  conversationId: string,
  receipt: ReadReceipt,
  selfId: string | undefined,
) {
  const patch = (conversation: Conversation): Conversation => {
    if (conversation.id !== conversationId) return conversation;
    const readToEnd =
      receipt.lastReadMessageId === null || receipt.lastReadMessageId === conversation.lastMessage?.id;
    return {
      ...conversation,
      participants: conversation.participants.map((p) =>
        p.id === receipt.userId
          ? { ...p, lastReadAt: receipt.lastReadAt, lastReadMessageId: receipt.lastReadMessageId }
          : p,
      ),
      unreadCount: receipt.userId === selfId && readToEnd ? 0 : conversation.unreadCount,
    };
  };
  queryClient.setQueryData<Conversation>(conversationKey(conversationId), (data) => data && patch(data));
  queryClient.setQueriesData<ConversationList>({ queryKey: messagingKeys.lists }, (data) =>
    data ? { ...data, items: data.items.map(patch) } : data,
  );
}

/**
 * Conversations this tab has just marked read: the socket's echo of our own mark carries nothing
 * the POST's answer did not already give us (the unread total included), so it is not refetched.
 */
const ownMarks = new Map<string, number>();
const ECHO_WINDOW_MS = 5000;
const isOwnEcho = (conversationId: string) => {
  const at = ownMarks.get(conversationId);
  return at !== undefined && Date.now() - at < ECHO_WINDOW_MS;
};

const selfIdOf = (queryClient: QueryClient) => queryClient.getQueryData<MeResponse | null>(ME_KEY)?.user.id;

/**
 * Read marks pushed over the socket (the other participant's "seen", or our own from another tab)
 * patch the caches; our own also changes the unread total, which only the server can count.
 */
export function useReadReceipts() {
  const queryClient = useQueryClient();
  useRealtime('conversation.read', (event) => {
    const conversationId = event.payload.conversationId;
    if (typeof conversationId !== 'string') return;
    const receipt = event.payload as unknown as ReadReceipt;
    const selfId = selfIdOf(queryClient);
    applyReadReceipt(queryClient, conversationId, receipt, selfId);
    if (receipt.userId === selfId && !isOwnEcho(conversationId))
      void queryClient.invalidateQueries({ queryKey: unreadKey });
  });
}

/** The total of unread messages; kept fresh by real-time events, polled only while the socket is down. */
export function useUnreadTotal(enabled: boolean) {
  const queryClient = useQueryClient();
  useRealtime('message.created', (event) => {
    const message = event.payload.message as Message | undefined;
    if (message?.senderId !== selfIdOf(queryClient))
      void queryClient.invalidateQueries({ queryKey: unreadKey });
  });
  useReadReceipts();
  return useQuery({
    queryKey: unreadKey,
    queryFn: ({ signal }) => apiRequest('GET /api/conversations/unread', { signal }),
    enabled,
    ...useLiveQueryOptions(),
  });
}

/** Pages newest first; the thread shows them reversed and loads older ones when scrolled up. */
export function useMessages(conversationId: string) {
  return useInfiniteQuery({
    queryKey: messagesKey(conversationId),
    queryFn: ({ pageParam, signal }) =>
      apiRequest('GET /api/conversations/:id/messages', {
        params: { id: conversationId },
        query: { limit: 30, before: pageParam || undefined },
        signal,
      }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    ...useLiveQueryOptions(),
  });
}

/** Adds or replaces a message in the cached thread (live events, own sends). */
export function upsertMessage(data: InfiniteData<MessagePage, string> | undefined, message: Message) {
  if (!data) return data;
  const exists = data.pages.some((p) => p.items.some((m) => m.id === message.id));
  if (exists) {
    return {
      ...data,
      pages: data.pages.map((p) => ({
        ...p,
        items: p.items.map((m) => (m.id === message.id ? message : m)),
      })),
    };
  }
  const [first, ...rest] = data.pages;
  if (!first) return data;
  return { ...data, pages: [{ ...first, items: [message, ...first.items] }, ...rest] };
}

export function useSendMessage(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; body: string; attachmentIds: string[] }) =>
      apiRequest('POST /api/conversations/:id/messages', { params: { id: conversationId }, body: input }),
    onSuccess: (message) => {
      queryClient.setQueryData<InfiniteData<MessagePage, string>>(messagesKey(conversationId), (data) =>
        upsertMessage(data, message),
      );
      void queryClient.invalidateQueries({ queryKey: messagingKeys.lists });
    },
  });
}

export function useMarkRead(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (messageId: string | undefined) =>
      apiRequest('POST /api/conversations/:id/read', {
        params: { id: conversationId },
        body: messageId ? { messageId } : {},
      }),
    // Noted before sending: the echo over the socket can arrive before the POST's answer.
    onMutate: () => void ownMarks.set(conversationId, Date.now()),
    onSuccess: (receipt) => {
      queryClient.setQueryData(unreadKey, { totalUnread: receipt.totalUnread });
      queryClient.setQueriesData<ConversationList>({ queryKey: messagingKeys.lists }, (data) =>
        data ? { ...data, totalUnread: receipt.totalUnread } : data,
      );
      applyReadReceipt(queryClient, conversationId, receipt, receipt.userId);
    },
  });
}

export function useEditMessage(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; body: string }) =>
      apiRequest('PATCH /api/conversations/:id/messages/:messageId', {
        params: { id: conversationId, messageId: input.id },
        body: { body: input.body },
      }),
    onSuccess: (message) =>
      queryClient.setQueryData<InfiniteData<MessagePage, string>>(messagesKey(conversationId), (data) =>
        upsertMessage(data, message),
      ),
  });
}

export function useDeleteMessage(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiRequest('DELETE /api/conversations/:id/messages/:messageId', {
        params: { id: conversationId, messageId: id },
      }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: messagesKey(conversationId) }),
  });
}
