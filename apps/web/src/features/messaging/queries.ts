import type { Conversation, ConversationList, Message, MessagePage } from '@ft/contracts';
import {
  type InfiniteData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api } from '../../lib/api';
import { useRealtime } from '../../lib/realtime';

export const conversationsKey = ['conversations'] as const;
export const unreadKey = ['conversations', 'unread'] as const;
export const messagesKey = (conversationId: string) => ['conversations', conversationId, 'messages'] as const;
export const conversationKey = (conversationId: string) =>
  ['conversations', conversationId, 'detail'] as const;

export function useConversations(q: string) {
  return useQuery({
    queryKey: [...conversationsKey, 'list', q],
    queryFn: () => api.get<ConversationList>(`/api/conversations${q ? `?q=${encodeURIComponent(q)}` : ''}`),
  });
}

export function useConversation(conversationId: string) {
  return useQuery({
    queryKey: conversationKey(conversationId),
    queryFn: () => api.get<Conversation>(`/api/conversations/${conversationId}`),
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
    queryFn: () => api.get<{ totalUnread: number }>('/api/conversations/unread'),
    enabled,
    staleTime: 60_000,
  });
}

/** Pages newest first; the thread shows them reversed and loads older ones when scrolled up. */
export function useMessages(conversationId: string) {
  return useInfiniteQuery({
    queryKey: messagesKey(conversationId),
    queryFn: ({ pageParam }) =>
      api.get<MessagePage>(
        `/api/conversations/${conversationId}/messages?limit=30${pageParam ? `&before=${pageParam}` : ''}`,
      ),
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
      api.post<Message>(`/api/conversations/${conversationId}/messages`, input),
    onSuccess: (message) => {
      queryClient.setQueryData<InfiniteData<MessagePage, string>>(messagesKey(conversationId), (data) =>
        upsertMessage(data, message),
      );
      void queryClient.invalidateQueries({ queryKey: [...conversationsKey, 'list'] });
    },
  });
}

export function useMarkRead(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (messageId: string | undefined) =>
      api.post<{ totalUnread: number }>(
        `/api/conversations/${conversationId}/read`,
        messageId ? { messageId } : {},
      ),
    onSuccess: (receipt) => {
      queryClient.setQueryData(unreadKey, { totalUnread: receipt.totalUnread });
      void queryClient.invalidateQueries({ queryKey: [...conversationsKey, 'list'] });
      void queryClient.invalidateQueries({ queryKey: conversationKey(conversationId) });
    },
  });
}

export function useEditMessage(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; body: string }) =>
      api.patch<Message>(`/api/conversations/${conversationId}/messages/${input.id}`, { body: input.body }),
    onSuccess: (message) =>
      queryClient.setQueryData<InfiniteData<MessagePage, string>>(messagesKey(conversationId), (data) =>
        upsertMessage(data, message),
      ),
  });
}

export function useDeleteMessage(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/api/conversations/${conversationId}/messages/${id}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: messagesKey(conversationId) }),
  });
}
