import type { Conversation, Message } from '@ft/contracts';
import { MESSAGE_EDIT_WINDOW_MS } from '@ft/contracts/messaging-limits';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ConfirmDialog } from '../../components/ui';
import { apiHref } from '../../lib/client';
import { formatDateTime } from '../../lib/format';

export type Delivery = 'sending' | 'failed' | 'sent' | 'read';

/** Own messages: read once another participant's read mark reaches them. */
export function deliveryOf(
  message: Message,
  conversation: Conversation | undefined,
  userId: string,
): Delivery {
  const readByOther = conversation?.participants.some(
    (p) => p.id !== userId && p.lastReadAt !== null && p.lastReadAt >= message.createdAt,
  );
  return readByOther ? 'read' : 'sent';
}

export function MessageBubble({
  message,
  own,
  senderName,
  delivery,
  attachmentLabel,
  onRetry,
  onEdit,
  onDelete,
}: {
  message: Message;
  own: boolean;
  senderName: string;
  delivery: Delivery | undefined;
  attachmentLabel: (id: string) => string;
  onRetry?: () => void;
  onEdit?: (body: string) => Promise<unknown>;
  onDelete?: () => Promise<unknown>;
}) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(message.body);
  const [confirming, setConfirming] = useState(false);
  const deleted = message.deletedAt !== null;
  const editable = own && !deleted && delivery !== 'sending' && delivery !== 'failed';
  const withinEditWindow = Date.now() - new Date(message.createdAt).getTime() < MESSAGE_EDIT_WINDOW_MS;

  return (
    <li className={`message${own ? ' message-own' : ''}`} data-testid="message">
      <div className="message-meta muted">
        <span>{own ? t('messaging.you') : senderName}</span>
        <span> · {formatDateTime(message.createdAt, i18n.language)}</span>
        {message.editedAt && !deleted && <span> · {t('messaging.edited')}</span>}
      </div>
      {editing ? (
        <form
          className="message-edit"
          onSubmit={(event) => {
            event.preventDefault();
            void onEdit?.(draft).then(() => setEditing(false));
          }}
        >
          <label className="visually-hidden" htmlFor={`edit-${message.id}`}>
            {t('messaging.editLabel')}
          </label>
          <textarea
            id={`edit-${message.id}`}
            className="textarea"
            value={draft}
            maxLength={10_000}
            onChange={(event) => setDraft(event.target.value)}
          />
          <div className="row">
            <Button type="submit" size="sm">
              {t('messaging.save')}
            </Button>
            <Button variant="ghost" size="sm" onClick={() => setEditing(false)}>
              {t('messaging.cancel')}
            </Button>
          </div>
        </form>
      ) : (
        <div className={`message-body${deleted ? ' message-deleted' : ''}`}>
          {deleted ? t('messaging.deleted') : message.body}
        </div>
      )}
      {!deleted && message.attachmentIds.length > 0 && (
        <ul className="message-attachments">
          {message.attachmentIds.map((id) => (
            <li key={id}>
              <a href={apiHref('GET /api/documents/:id/content', { id })}>{attachmentLabel(id)}</a>
            </li>
          ))}
        </ul>
      )}
      {own && delivery && (
        <div className={`message-delivery delivery-${delivery}`} data-testid="delivery">
          {t(`messaging.delivery.${delivery}`)}
          {delivery === 'failed' && onRetry && (
            <Button variant="ghost" size="sm" onClick={onRetry}>
              {t('messaging.retry')}
            </Button>
          )}
        </div>
      )}
      {editable && !editing && (
        <div className="message-actions">
          {withinEditWindow && onEdit && (
            <Button variant="ghost" size="sm" onClick={() => setEditing(true)}>
              {t('messaging.edit')}
            </Button>
          )}
          {onDelete && (
            <Button variant="ghost" size="sm" onClick={() => setConfirming(true)}>
              {t('messaging.delete')}
            </Button>
          )}
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('messaging.deleteTitle')}
        message={t('messaging.deleteConfirm')}
        confirmLabel={t('messaging.delete')}
        danger
        onConfirm={() => void onDelete?.().then(() => setConfirming(false))}
        onCancel={() => setConfirming(false)}
      />
    </li>
  );
}
