import type { Conversation } from '@ft/contracts';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../lib/format';
import { useCatalogueLabels } from '../../lib/labels';

/** What a conversation is about, as a person reads it (product names in the UI language). */
export function conversationTitle(
  conversation: Conversation,
  t: TFunction,
  product: ReturnType<typeof useCatalogueLabels>['product'] = (_code, name) => name,
) {
  if (conversation.kind === 'support') return t('messaging.supportTitle');
  const name = conversation.productName ?? conversation.productCode ?? '';
  return t('messaging.dossierTitle', { product: product(conversation.productCode, name) });
}

/** The people on the other side, for the list and the thread header. */
export function otherParticipants(conversation: Conversation, userId: string) {
  const names = conversation.participants.filter((p) => p.id !== userId).map((p) => p.name);
  return [...new Set(names)].join(', ');
}

export function ConversationList({
  conversations,
  selectedId,
  userId,
}: {
  conversations: Conversation[];
  selectedId: string | undefined;
  userId: string;
}) {
  const { t, i18n } = useTranslation();
  const labels = useCatalogueLabels();
  return (
    <ul className="conversation-list">
      {conversations.map((conversation) => {
        const preview = conversation.lastMessage;
        return (
          <li key={conversation.id}>
            <Link
              to={`/messages?conversation=${conversation.id}`}
              className={`conversation-item${conversation.id === selectedId ? ' is-selected' : ''}`}
              aria-current={conversation.id === selectedId ? 'page' : undefined}
            >
              <span className="conversation-item-head">
                <strong>{conversationTitle(conversation, t, labels.product)}</strong>
                {conversation.unreadCount > 0 && (
                  <span className="unread-count" data-testid="conversation-unread">
                    {conversation.unreadCount}
                    <span className="visually-hidden">
                      {' '}
                      {t('messaging.unread', { count: conversation.unreadCount })}
                    </span>
                  </span>
                )}
              </span>
              <span className="conversation-item-people muted">
                {otherParticipants(conversation, userId)}
              </span>
              {preview && (
                <span className="conversation-item-preview muted">
                  {preview.deletedAt ? t('messaging.deleted') : preview.body || t('messaging.attachmentOnly')}
                </span>
              )}
              {conversation.lastMessageAt && (
                <span className="conversation-item-time muted">
                  {formatDateTime(conversation.lastMessageAt, i18n.language)}
                </span>
              )}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
