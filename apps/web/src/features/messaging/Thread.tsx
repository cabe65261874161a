import type { Message, MessagePage } from '@ft/contracts';
import { type InfiniteData, useQueryClient } from '@tanstack/react-query';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button, EmptyState, ErrorState, LoadingState } from '../../components/ui';
import { useErrorMessage } from '../../lib/errors';
import { useCatalogueLabels } from '../../lib/labels';
import { useRealtime } from '../../lib/realtime';
import { Composer, useDossierDocuments } from './Composer';
import { conversationTitle, otherParticipants } from './ConversationList';
import { type Delivery, deliveryOf, MessageBubble } from './MessageBubble';
import {
  conversationKey,
  messagesKey,
  upsertMessage,
  useConversation,
  useDeleteMessage,
  useEditMessage,
  useMarkRead,
  useMessages,
  useSendMessage,
} from './queries';

type Pending = { message: Message; status: 'sending' | 'failed' };
const TYPING_SHOWN_MS = 4000;

/** Live "X is typing" for this conversation, cleared a few seconds after the last signal. */
function useTyping(conversationId: string, userId: string) {
  const [typing, setTyping] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useRealtime('typing', (event) => {
    if (event.payload.conversationId !== conversationId || event.payload.userId === userId) return;
    setTyping(typeof event.payload.name === 'string' ? event.payload.name : '');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setTyping(null), TYPING_SHOWN_MS);
  });
  // A message from the typist ends its typing.
  useRealtime('message.created', (event) => {
    const message = event.payload.message as Message | undefined;
    if (event.payload.conversationId === conversationId && message?.senderId !== userId) setTyping(null);
  });
  useEffect(() => () => clearTimeout(timer.current), []);
  return typing;
}

export function Thread({ conversationId, userId }: { conversationId: string; userId: string }) {
  const { t } = useTranslation();
  const labels = useCatalogueLabels();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const conversation = useConversation(conversationId);
  const messages = useMessages(conversationId);
  const send = useSendMessage(conversationId);
  const markRead = useMarkRead(conversationId);
  const edit = useEditMessage(conversationId);
  const remove = useDeleteMessage(conversationId);
  const documents = useDossierDocuments(conversation.data?.dossierId ?? null);
  const typing = useTyping(conversationId, userId);
  const [pending, setPending] = useState<Pending[]>([]);
  const scroller = useRef<HTMLDivElement>(null);
  const topSentinel = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const heightBeforeOlder = useRef<number | null>(null);

  const markReadNow = markRead.mutate;
  useRealtime('message.created', (event) => {
    if (event.payload.conversationId !== conversationId) return;
    const message = event.payload.message as Message | undefined;
    if (message) {
      queryClient.setQueryData<InfiniteData<MessagePage, string>>(messagesKey(conversationId), (data) =>
        upsertMessage(data, message),
      );
    } else {
      void queryClient.invalidateQueries({ queryKey: messagesKey(conversationId) });
    }
    if (message?.senderId !== userId && document.visibilityState === 'visible') markReadNow(message?.id);
  });
  useRealtime('message.updated', (event) => {
    if (event.payload.conversationId !== conversationId) return;
    const message = event.payload.message as Message | undefined;
    if (!message) return void queryClient.invalidateQueries({ queryKey: messagesKey(conversationId) });
    queryClient.setQueryData<InfiniteData<MessagePage, string>>(messagesKey(conversationId), (data) =>
      upsertMessage(data, message),
    );
  });
  useRealtime('conversation.read', (event) => {
    if (event.payload.conversationId === conversationId)
      void queryClient.invalidateQueries({ queryKey: conversationKey(conversationId) });
  });

  // Opening a thread reads it.
  const loaded = messages.isSuccess;
  useEffect(() => {
    if (loaded) markReadNow(undefined);
  }, [loaded, markReadNow]);

  // Older pages load when the top of the thread scrolls into view.
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = messages;
  useEffect(() => {
    const target = topSentinel.current;
    if (!target || !hasNextPage) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting) && !isFetchingNextPage) {
        heightBeforeOlder.current = scroller.current?.scrollHeight ?? null;
        void fetchNextPage();
      }
    });
    observer.observe(target);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const stored = (messages.data?.pages ?? []).flatMap((p) => p.items).reverse();
  const storedIds = new Set(stored.map((m) => m.id));
  const shown = [...stored, ...pending.filter((p) => !storedIds.has(p.message.id)).map((p) => p.message)];

  // Keep the newest message in view unless the reader scrolled up; keep the position when older
  // messages are added above.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    if (heightBeforeOlder.current !== null) {
      element.scrollTop += element.scrollHeight - heightBeforeOlder.current;
      heightBeforeOlder.current = null;
    } else if (stickToBottom.current) {
      element.scrollTop = element.scrollHeight;
    }
  });

  if (conversation.isPending || messages.isPending) return <LoadingState />;
  if (conversation.isError) return <ErrorState message={errorMessage(conversation.error)} />;
  if (messages.isError) {
    return <ErrorState message={errorMessage(messages.error)} onRetry={() => void messages.refetch()} />;
  }

  const details = conversation.data;
  const names = new Map(details.participants.map((p) => [p.id, p.name]));
  const attachmentNames = new Map((documents.data ?? []).map((d) => [d.id, d.label]));

  const deliver = (message: Message) => {
    setPending((list) => [
      ...list.filter((p) => p.message.id !== message.id),
      { message, status: 'sending' },
    ]);
    stickToBottom.current = true;
    send.mutate(
      { id: message.id, body: message.body, attachmentIds: message.attachmentIds },
      {
        onSuccess: () => setPending((list) => list.filter((p) => p.message.id !== message.id)),
        onError: () =>
          setPending((list) =>
            list.map((p) => (p.message.id === message.id ? { ...p, status: 'failed' } : p)),
          ),
      },
    );
  };

  const statusOf = (message: Message): Delivery | undefined => {
    const local = pending.find((p) => p.message.id === message.id);
    if (local && !storedIds.has(message.id)) return local.status;
    return message.senderId === userId ? deliveryOf(message, details, userId) : undefined;
  };

  return (
    <section className="thread" aria-labelledby="thread-title">
      <header className="thread-header">
        <Link className="thread-back" to="/messages">
          ← {t('messaging.listLabel')}
        </Link>
        <h2 id="thread-title">{conversationTitle(details, t, labels.product)}</h2>
        <p className="muted">{otherParticipants(details, userId)}</p>
        {details.dossierId && <Link to={`/dossiers/${details.dossierId}`}>{t('messaging.openDossier')}</Link>}
      </header>
      <div
        className="thread-messages"
        ref={scroller}
        onScroll={(event) => {
          const element = event.currentTarget;
          stickToBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 80;
        }}
      >
        <div ref={topSentinel} />
        {hasNextPage && (
          <div className="thread-older">
            <Button
              variant="ghost"
              size="sm"
              loading={isFetchingNextPage}
              onClick={() => {
                heightBeforeOlder.current = scroller.current?.scrollHeight ?? null;
                void fetchNextPage();
              }}
            >
              {t('messaging.older')}
            </Button>
          </div>
        )}
        {shown.length === 0 ? (
          <EmptyState title={t('messaging.emptyThread')} />
        ) : (
          <ol className="message-list" aria-live="polite" aria-relevant="additions">
            {shown.map((message) => (
              <MessageBubble
                key={message.id}
                message={message}
                own={message.senderId === userId}
                senderName={names.get(message.senderId) ?? t('messaging.formerParticipant')}
                delivery={statusOf(message)}
                attachmentLabel={(id) => attachmentNames.get(id) ?? t('messaging.document')}
                onRetry={() => deliver(message)}
                onEdit={(body) => edit.mutateAsync({ id: message.id, body })}
                onDelete={() => remove.mutateAsync(message.id)}
              />
            ))}
          </ol>
        )}
      </div>
      <p className="typing-indicator muted" aria-live="polite">
        {typing !== null ? t('messaging.typing', { name: typing || t('messaging.someone') }) : ''}
      </p>
      <Composer
        conversationId={conversationId}
        dossierId={details.dossierId}
        onSend={({ body, attachmentIds }) =>
          deliver({
            id: crypto.randomUUID(),
            conversationId,
            senderId: userId,
            body,
            attachmentIds,
            createdAt: new Date().toISOString(),
            editedAt: null,
            deletedAt: null,
            cursor: '',
          })
        }
      />
    </section>
  );
}
