import type { Message, MessagePage } from '@ft/contracts';
import {
  type InfiniteData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { apiRequest } from '../../lib/client';
import { useRealtime } from '../../lib/realtime';

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
  });
}

export function useConversation(conversationId: string) {
  return useQuery({
    queryKey: conversationKey(conversationId),
    queryFn: ({ signal }) =>
      apiRequest('GET /api/conversations/:id', { params: { id: conversationId }, signal }),
  });
}

/** The total of unread messages; kept fresh by real-time events rather than polling. */
export function useUnreadTotal(enabled: boolean) {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: unreadKey });
  useRealtime('message.created', refresh);
  useRealtime('conversation.read', refresh);
  return useQuery({
    queryKey: unreadKey,
    queryFn: ({ signal }) => apiRequest('GET /api/conversations/unread', { signal }),
    enabled,
    staleTime: 60_000,
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
    onSuccess: (receipt) => {
      queryClient.setQueryData(unreadKey, { totalUnread: receipt.totalUnread });
      void queryClient.invalidateQueries({ queryKey: messagingKeys.lists });
      void queryClient.invalidateQueries({ queryKey: conversationKey(conversationId) });
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
