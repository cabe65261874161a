import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { CurrentUser } from '../../app/RequireUser';
import { Button, EmptyState, ErrorState, LoadingState, PageHeader } from '../../components/ui';
import { apiRequest } from '../../lib/client';
import { useErrorMessage } from '../../lib/errors';
import { useRealtime } from '../../lib/realtime';
import { ConversationList } from './ConversationList';
import { messagingKeys, useConversations } from './queries';
import { Thread } from './Thread';

/** Waits for typing to pause before searching. */
function useDebounced(value: string, delayMs = 250) {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

function Messages({ userId, role }: { userId: string; role: string }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const selectedId = params.get('conversation') ?? undefined;
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const conversations = useConversations(q);
  const refreshList = () => void queryClient.invalidateQueries({ queryKey: messagingKeys.lists });
  // New messages reorder the list; read marks are patched in place (useReadReceipts, via the nav).
  useRealtime('message.created', refreshList);

  const support = useMutation({
    mutationFn: () => apiRequest('POST /api/conversations/support'),
    onSuccess: (conversation) => {
      refreshList();
      void navigate(`/messages?conversation=${conversation.id}`);
    },
  });

  return (
    <div className="container page">
      <PageHeader
        title={t('messaging.title')}
        actions={
          role !== 'admin' && (
            <Button variant="secondary" loading={support.isPending} onClick={() => support.mutate()}>
              {t('messaging.contactSupport')}
            </Button>
          )
        }
      />
      {support.isError && <ErrorState message={errorMessage(support.error)} />}
      <div className={`messaging${selectedId ? ' has-selection' : ''}`}>
        <aside className="messaging-list" aria-label={t('messaging.listLabel')}>
          <label className="visually-hidden" htmlFor="conversation-search">
            {t('messaging.search')}
          </label>
          <input
            id="conversation-search"
            className="input"
            type="search"
            placeholder={t('messaging.search')}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
          {conversations.isPending ? (
            <LoadingState />
          ) : conversations.isError ? (
            <ErrorState
              message={errorMessage(conversations.error)}
              onRetry={() => void conversations.refetch()}
            />
          ) : conversations.data.items.length === 0 ? (
            <EmptyState title={q ? t('messaging.noResults') : t('messaging.empty')}>
              {/* The team is the support: it is not told to contact itself. */}
              {!q && (
                <p className="muted">
                  {t(role === 'admin' ? 'messaging.emptyHintAdmin' : 'messaging.emptyHint')}
                </p>
              )}
            </EmptyState>
          ) : (
            <ConversationList
              conversations={conversations.data.items}
              selectedId={selectedId}
              userId={userId}
            />
          )}
        </aside>
        <div className="messaging-thread">
          {selectedId ? (
            <Thread key={selectedId} conversationId={selectedId} userId={userId} />
          ) : (
            <EmptyState title={t('messaging.pick')} />
          )}
        </div>
      </div>
    </div>
  );
}

export function MessagesPage() {
  return <CurrentUser>{(me) => <Messages userId={me.user.id} role={me.user.role} />}</CurrentUser>;
}
