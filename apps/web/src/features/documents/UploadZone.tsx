import { useQuery } from '@tanstack/react-query';
import { type DragEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, useToast } from '../../components/ui';
import { ApiError, apiUrl } from '../../lib/api';
import { apiRequest } from '../../lib/client';
import { useErrorMessage } from '../../lib/errors';
import { formatBytes } from './format';
import { type UploadHandle, uploadWithProgress } from './uploadWithProgress';

type Upload = {
  id: number;
  name: string;
  loaded: number;
  total: number;
  state: 'sending' | 'failed';
  error?: string;
  handle: UploadHandle | null;
};

/**
 * Drag-and-drop zone that is also a labelled file input (so it works from the keyboard and screen
 * readers): each file gets its own progress bar and cancel button while it is sent.
 */
export function UploadZone({
  url,
  label,
  onUploaded,
}: {
  url: string;
  label: string;
  onUploaded: (fileName: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const notify = useToast();
  // The server's limit, said before a file is chosen and checked before one is sent.
  const limits = useQuery({
    queryKey: ['documents', 'limits'],
    queryFn: () => apiRequest('GET /api/documents/limits'),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const maxBytes = limits.data?.maxUploadBytes;
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [over, setOver] = useState(false);
  const nextId = useRef(0);
  const update = (id: number, change: Partial<Upload>) =>
    setUploads((list) => list.map((u) => (u.id === id ? { ...u, ...change } : u)));
  const remove = (id: number) => setUploads((list) => list.filter((u) => u.id !== id));

  const send = (files: FileList | null) => {
    for (const file of Array.from(files ?? [])) {
      nextId.current += 1;
      const id = nextId.current;
      if (maxBytes !== undefined && file.size > maxBytes) {
        setUploads((list) => [
          ...list,
          {
            id,
            name: file.name,
            loaded: 0,
            total: file.size,
            state: 'failed',
            handle: null,
            error: t('documents.tooLarge', {
              name: file.name,
              size: formatBytes(file.size, i18n.language),
              max: formatBytes(maxBytes, i18n.language),
            }),
          },
        ]);
        continue;
      }
      const handle = uploadWithProgress(apiUrl(url), file, (loaded, total) => update(id, { loaded, total }));
      setUploads((list) => [
        ...list,
        { id, name: file.name, loaded: 0, total: file.size, state: 'sending', handle },
      ]);
      handle.done.then(
        () => {
          remove(id);
          onUploaded(file.name);
        },
        (error: unknown) => {
          if (error instanceof ApiError && error.code === 'ABORTED') {
            remove(id);
            notify(t('documents.cancelled'), 'info');
          } else update(id, { state: 'failed', error: errorMessage(error) });
        },
      );
    }
  };
  const onDrop = (event: DragEvent<HTMLLabelElement>) => {
    event.preventDefault();
    setOver(false);
    send(event.dataTransfer.files);
  };

  return (
    <div className="stack-tight">
      <label
        className={over ? 'dropzone dropzone-active' : 'dropzone'}
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        {/* Dragging is for a mouse: a phone is offered a choice of file (CSS picks which). */}
        <span className="dropzone-title dropzone-drag">{t('documents.dropTitle')}</span>
        <span className="dropzone-hint dropzone-drag">{t('documents.dropHint')}</span>
        <span className="dropzone-title dropzone-touch">{t('documents.chooseTitle')}</span>
        <span className="dropzone-hint dropzone-touch">{t('documents.chooseHint')}</span>
        {maxBytes !== undefined && (
          <span className="dropzone-hint">
            {t('documents.maxSize', { max: formatBytes(maxBytes, i18n.language) })}
          </span>
        )}
        <input
          type="file"
          multiple
          className="visually-hidden"
          aria-label={`${t('dossier.upload')} : ${label}`}
          onChange={(event) => {
            send(event.target.files);
            event.target.value = '';
          }}
        />
      </label>
      {uploads.length > 0 && (
        <ul className="uploads" aria-live="polite">
          {uploads.map((u) => {
            const percent = u.total > 0 ? Math.round((u.loaded / u.total) * 100) : 0;
            return (
              <li key={u.id} className="upload">
                <span className="file-name">
                  {t('documents.sending', { name: u.name })} · {t('documents.percent', { percent })}
                </span>
                {u.state === 'sending' && u.handle ? (
                  <Button size="sm" variant="ghost" onClick={() => u.handle?.abort()}>
                    {t('documents.cancel')}
                  </Button>
                ) : (
                  <Button size="sm" variant="ghost" onClick={() => remove(u.id)}>
                    {t('documents.dismiss')}
                  </Button>
                )}
                <progress
                  value={u.loaded}
                  max={u.total || 1}
                  aria-label={t('documents.sending', { name: u.name })}
                />
                {u.error && (
                  <span className="upload-error" role="alert">
                    {u.error}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
