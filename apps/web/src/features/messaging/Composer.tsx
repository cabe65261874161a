import { MESSAGE_MAX_LENGTH } from '@ft/contracts/messaging-limits';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, type KeyboardEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/ui';
import { realtime } from '../../lib/realtime';
import { dossierQueries } from '../dossiers/queries';

const TYPING_EVERY_MS = 2000;

/** Documents of the dossier that can be attached: the checklist items that have a file. */
export function useDossierDocuments(dossierId: string | null) {
  return useQuery({
    ...dossierQueries.detail(dossierId ?? ''),
    enabled: dossierId !== null,
    select: (dossier) =>
      dossier.items.flatMap((item) => (item.documentId ? [{ id: item.documentId, label: item.label }] : [])),
  });
}

export function Composer({
  conversationId,
  dossierId,
  onSend,
}: {
  conversationId: string;
  dossierId: string | null;
  onSend: (input: { body: string; attachmentIds: string[] }) => void;
}) {
  const { t, i18n } = useTranslation();
  const [body, setBody] = useState('');
  const [attachmentIds, setAttachmentIds] = useState<string[]>([]);
  const lastTyping = useRef(0);
  const documents = useDossierDocuments(dossierId);

  // Never cut a paste: the text stays whole, the counter says by how much it is too long, and
  // sending waits until it is shortened.
  const length = body.trim().length;
  const tooLong = length > MESSAGE_MAX_LENGTH;
  const showCounter = length >= MESSAGE_MAX_LENGTH * 0.9;
  const number = (n: number) => n.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'fr-FR');

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const text = body.trim();
    if ((!text && attachmentIds.length === 0) || tooLong) return;
    onSend({ body: text, attachmentIds });
    setBody('');
    setAttachmentIds([]);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };

  const onChange = (value: string) => {
    setBody(value);
    const now = Date.now();
    if (value && now - lastTyping.current > TYPING_EVERY_MS) {
      lastTyping.current = now;
      realtime.send({ type: 'typing', conversationId });
    }
  };

  const available = documents.data ?? [];
  return (
    <form className="composer" onSubmit={submit}>
      <label className="visually-hidden" htmlFor="composer-input">
        {t('messaging.composerLabel')}
      </label>
      <textarea
        id="composer-input"
        className="textarea composer-input"
        value={body}
        rows={2}
        placeholder={t('messaging.composerPlaceholder')}
        aria-describedby={showCounter ? 'composer-hint composer-counter' : 'composer-hint'}
        aria-invalid={tooLong || undefined}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <span id="composer-hint" className="field-hint">
        {t('messaging.composerHint')}
      </span>
      {showCounter && (
        <span
          id="composer-counter"
          className={tooLong ? 'field-error composer-counter' : 'field-hint composer-counter'}
          aria-live="polite"
        >
          {tooLong
            ? t('messaging.tooLong', {
                over: number(length - MESSAGE_MAX_LENGTH),
                max: number(MESSAGE_MAX_LENGTH),
              })
            : t('messaging.counter', {
                count: length,
                length: number(length),
                max: number(MESSAGE_MAX_LENGTH),
              })}
        </span>
      )}
      <div className="composer-actions">
        {dossierId && (
          <details className="attach-picker">
            <summary>
              {t('messaging.attach')}
              {attachmentIds.length > 0 && ` (${attachmentIds.length})`}
            </summary>
            {available.length === 0 ? (
              <p className="muted">{t('messaging.noDocuments')}</p>
            ) : (
              <fieldset>
                <legend className="visually-hidden">{t('messaging.attach')}</legend>
                {available.map((document) => (
                  <label key={document.id} className="checkbox">
                    <input
                      type="checkbox"
                      checked={attachmentIds.includes(document.id)}
                      onChange={(event) =>
                        setAttachmentIds((ids) =>
                          event.target.checked
                            ? [...ids, document.id]
                            : ids.filter((id) => id !== document.id),
                        )
                      }
                    />
                    {document.label}
                  </label>
                ))}
              </fieldset>
            )}
          </details>
        )}
        <Button type="submit" disabled={(!body.trim() && attachmentIds.length === 0) || tooLong}>
          {t('messaging.send')}
        </Button>
      </div>
    </form>
  );
}
