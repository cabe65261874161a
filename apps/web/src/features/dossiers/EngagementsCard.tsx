import type { DossierDetail, EngagementDocument } from '@ft/contracts';
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Dialog,
  LoadingState,
  TextAreaField,
  TextField,
  useToast,
} from '../../components/ui';
import { ApiError } from '../../lib/api';
import { apiHref, apiRequest } from '../../lib/client';
import { useErrorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';

const TONE = { pending: 'warning', signed: 'success', revoked: 'danger' } as const;

/**
 * The signed or revoked document, as the API answered, replaces the listed one at once: the list
 * must not offer "Lire et signer" on it again while its refetch is on the way.
 */
function showUpdated(queryClient: QueryClient, updated: EngagementDocument) {
  queryClient.setQueriesData<{ documents: EngagementDocument[] }>(
    { queryKey: ['dossier', updated.dossierId, 'engagements'] },
    (list) => list && { ...list, documents: list.documents.map((d) => (d.id === updated.id ? updated : d)) },
  );
  void queryClient.invalidateQueries({ queryKey: ['dossier', updated.dossierId] });
}

function SignDialog({ document, onClose }: { document: EngagementDocument; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useToast();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const sign = useMutation({
    mutationFn: (body: {
      documentSha256: string;
      signerName: string;
      signerCapacity: string;
      consent: true;
    }) => apiRequest('POST /api/engagements/:id/sign', { params: { id: document.id }, body }),
    onSuccess: (signed) => {
      notify(t('engagements.signed'), 'success');
      showUpdated(queryClient, signed);
      onClose();
    },
  });
  const errors = sign.error instanceof ApiError ? sign.error.byField : {};
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    // An unticked box is sent as is: the API names the field (consent must be true).
    sign.mutate({
      documentSha256: document.sha256,
      signerName: String(data.get('signerName') ?? ''),
      signerCapacity: String(data.get('signerCapacity') ?? ''),
      consent: (data.get('consent') === 'on') as true,
    });
  };
  return (
    <Dialog open title={t(`engagements.kinds.${document.kind}`)} onClose={onClose}>
      <form className="stack" onSubmit={onSubmit} noValidate>
        <section className="engagement-text" aria-label={t('engagements.textLabel')}>
          {document.body}
        </section>
        <p className="field-hint">
          <a
            href={apiHref('GET /api/engagements/:id/document.pdf', { id: document.id })}
            target="_blank"
            rel="noreferrer"
          >
            {t('engagements.openPdf')}
          </a>{' '}
          · {t('engagements.fingerprint')} <code className="hash">{document.sha256}</code>
        </p>
        {sign.error && Object.keys(errors).length === 0 && (
          <Alert tone="danger">{errorMessage(sign.error)}</Alert>
        )}
        <div className="grid-2">
          <TextField
            label={t('engagements.signerName')}
            name="signerName"
            required
            error={errors.signerName}
          />
          <TextField
            label={t('engagements.signerCapacity')}
            name="signerCapacity"
            required
            placeholder={t('engagements.capacityPlaceholder')}
            error={errors.signerCapacity}
          />
        </div>
        <Checkbox name="consent" label={t('engagements.consent')} />
        {errors.consent && <span className="field-error">{errors.consent}</span>}
        <div className="dialog-actions">
          <Button variant="secondary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={sign.isPending}>
            {t('engagements.sign')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function RevokeDialog({ document, onClose }: { document: EngagementDocument; onClose: () => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: (reason: string) =>
      apiRequest('POST /api/engagements/:id/revoke', { params: { id: document.id }, body: { reason } }),
    onSuccess: (revoked) => {
      showUpdated(queryClient, revoked);
      onClose();
    },
  });
  const errors = revoke.error instanceof ApiError ? revoke.error.byField : {};
  return (
    <Dialog open title={t('engagements.revokeTitle')} onClose={onClose}>
      <form
        className="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          revoke.mutate(String(new FormData(event.currentTarget).get('reason') ?? ''));
        }}
      >
        <p>{t('engagements.revokeExplain')}</p>
        {revoke.error && Object.keys(errors).length === 0 && (
          <Alert tone="danger">{errorMessage(revoke.error)}</Alert>
        )}
        <TextAreaField label={t('dossier.fields.reason')} name="reason" required error={errors.reason} />
        <div className="dialog-actions">
          <Button variant="secondary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="danger" loading={revoke.isPending}>
            {t('engagements.revoke')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/** The engagement letter and the mandate: read and signed by the client, downloadable by all. */
export function EngagementsCard({
  dossier,
  viewer,
}: {
  dossier: DossierDetail;
  viewer: 'client' | 'expert' | 'admin';
}) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState<{ mode: 'sign' | 'revoke'; document: EngagementDocument } | null>(null);
  const list = useQuery({
    queryKey: ['dossier', dossier.id, 'engagements', dossier.engagementSigned],
    queryFn: () => apiRequest('GET /api/dossiers/:id/engagements', { params: { id: dossier.id } }),
  });
  return (
    <Card title={t('engagements.title')}>
      {!dossier.engagementSigned && (
        <Alert tone="warning">{t(viewer === 'client' ? 'engagements.toSign' : 'engagements.waiting')}</Alert>
      )}
      {!list.data ? (
        <LoadingState />
      ) : (
        <ul className="engagement-list">
          {list.data.documents.map((document) => (
            <li key={document.id}>
              <div>
                <strong>{t(`engagements.kinds.${document.kind}`)}</strong>{' '}
                <Badge tone={TONE[document.status]}>{t(`engagements.status.${document.status}`)}</Badge>
                <div className="field-hint">
                  {document.signedAt
                    ? t('engagements.signedBy', {
                        name: document.signerName,
                        capacity: document.signerCapacity,
                        date: formatDateTime(document.signedAt, i18n.language),
                      })
                    : t('engagements.version', { version: document.templateVersion })}
                  {document.revokedAt &&
                    ` · ${t('engagements.revokedOn', { date: formatDateTime(document.revokedAt, i18n.language) })}`}
                </div>
              </div>
              <div className="row">
                <a
                  className="btn btn-secondary btn-sm"
                  href={apiHref('GET /api/engagements/:id/document.pdf', { id: document.id })}
                  target="_blank"
                  rel="noreferrer"
                >
                  {t(document.status === 'pending' ? 'engagements.read' : 'engagements.downloadSigned')}
                </a>
                {viewer === 'client' && document.status === 'pending' && (
                  <Button size="sm" onClick={() => setOpen({ mode: 'sign', document })}>
                    {t('engagements.readAndSign')}
                  </Button>
                )}
                {viewer !== 'expert' && document.kind === 'mandate' && document.status === 'signed' && (
                  // Quiet until the dialog: a signed mandate's revocation is not the page's next step.
                  <Button
                    size="sm"
                    variant="ghost"
                    className="btn-quiet-danger"
                    onClick={() => setOpen({ mode: 'revoke', document })}
                  >
                    {t('engagements.revoke')}
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {open?.mode === 'sign' && <SignDialog document={open.document} onClose={() => setOpen(null)} />}
      {open?.mode === 'revoke' && <RevokeDialog document={open.document} onClose={() => setOpen(null)} />}
    </Card>
  );
}
