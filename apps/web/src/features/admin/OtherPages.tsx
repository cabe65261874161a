import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { CurrentUser } from '../../app/RequireUser';
import { Badge, Button, PageHeader, Table, TextField } from '../../components/ui';
import { formatDate, formatDateTime } from '../../lib/format';
import { formatSiren } from '../dossiers/DossierContext';
import { ListFrame } from './ListFrame';
import { adminKeys, useCursorList } from './queries';

function SearchForm({ name, label, value }: { name: string; label: string; value: string }) {
  const { t } = useTranslation();
  const [, setParams] = useSearchParams();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setParams({ [name]: String(new FormData(event.currentTarget).get(name) ?? '') });
  };
  return (
    <form className="row" onSubmit={onSubmit}>
      <TextField label={label} name={name} defaultValue={value} type="search" />
      <Button type="submit" variant="secondary">
        {t('common.search')}
      </Button>
    </form>
  );
}

export function AdminClientsPage() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const q = params.get('q') ?? '';
  const list = useCursorList(adminKeys.clients, 'GET /api/admin/clients', { q });
  return (
    <div className="container page">
      <CurrentUser>
        {() => (
          <div className="stack">
            <PageHeader title={t('admin.clientsTitle')} description={t('admin.clientsLead')} />
            <SearchForm name="q" label={t('common.search')} value={q} />
            <ListFrame query={list} empty={t('admin.noClients')}>
              {(items) => (
                <Table
                  caption={t('admin.clientsTitle')}
                  rows={items}
                  rowKey={(c) => c.id}
                  columns={[
                    { key: 'company', header: t('admin.company'), render: (c) => c.companyName },
                    { key: 'siren', header: t('auth.siren'), render: (c) => formatSiren(c.siren) },
                    {
                      key: 'contact',
                      header: t('admin.contact'),
                      render: (c) => `${c.firstName} ${c.lastName} · ${c.email}`,
                    },
                    {
                      key: 'status',
                      header: t('admin.status'),
                      render: (c) => (
                        <Badge tone={c.status === 'active' ? 'success' : 'neutral'}>
                          {t(`status.${c.status}`)}
                        </Badge>
                      ),
                    },
                    {
                      key: 'created',
                      header: t('admin.registered'),
                      numeric: true,
                      render: (c) => formatDate(c.createdAt, i18n.language),
                    },
                    {
                      key: 'login',
                      header: t('admin.lastLogin'),
                      numeric: true,
                      render: (c) => (c.lastLoginAt ? formatDateTime(c.lastLoginAt, i18n.language) : '—'),
                    },
                  ]}
                />
              )}
            </ListFrame>
          </div>
        )}
      </CurrentUser>
    </div>
  );
}

/** `{"method":"totp"}` read as `method : totp`, one pair a line, instead of raw JSON. */
function AuditDetails({ details }: { details: Record<string, unknown> }) {
  const entries = Object.entries(details).filter(([, value]) => value !== null && value !== undefined);
  if (entries.length === 0) return <>—</>;
  return (
    <ul className="plain-list audit-details">
      {entries.map(([key, value]) => (
        <li key={key}>
          <span className="muted">{key}</span> : {typeof value === 'string' ? value : JSON.stringify(value)}
        </li>
      ))}
    </ul>
  );
}

/** The subject in words ("Dossier", "Compte"), a dossier linked, its id shortened (whole in the tooltip). */
function AuditEntity({ type, id }: { type: string | null; id: string | null }) {
  const { t } = useTranslation();
  if (!type) return <>—</>;
  const name = t(`admin.entityTypes.${type}`, { defaultValue: type });
  if (!id) return <>{name}</>;
  const short = <code title={id}>{id.slice(0, 8)}</code>;
  return type === 'dossier' ? (
    <Link to={`/dossiers/${id}`}>
      {name} {short}
    </Link>
  ) : (
    <>
      {name} {short}
    </>
  );
}

export function AdminAuditPage() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const action = params.get('action') ?? '';
  const list = useCursorList(adminKeys.audit, 'GET /api/admin/audit', { action });
  return (
    <div className="container page">
      <CurrentUser>
        {() => (
          <div className="stack">
            <PageHeader title={t('admin.auditTitle')} description={t('admin.auditLead')} />
            <SearchForm name="action" label={t('admin.filterAction')} value={action} />
            <ListFrame query={list} empty={t('admin.noEvents')}>
              {(items) => (
                <Table
                  caption={t('admin.auditTitle')}
                  rows={items}
                  rowKey={(e) => e.id}
                  columns={[
                    {
                      key: 'when',
                      header: t('admin.when'),
                      render: (e) => formatDateTime(e.createdAt, i18n.language),
                    },
                    {
                      key: 'action',
                      header: t('admin.action'),
                      render: (e) => {
                        // A dossier's step reads as its timeline does ("Audit rendu"), the code under it.
                        const step = e.action.startsWith('dossier.')
                          ? e.action.slice('dossier.'.length)
                          : null;
                        return (
                          <div>
                            {step && i18n.exists(`dossier.events.${step}`) && (
                              <div>{t(`dossier.events.${step}`)}</div>
                            )}
                            <code className="audit-action">{e.action}</code>
                          </div>
                        );
                      },
                    },
                    {
                      key: 'actor',
                      header: t('admin.actor'),
                      render: (e) => e.actorEmail ?? t('admin.system'),
                    },
                    {
                      key: 'entity',
                      header: t('admin.entity'),
                      render: (e) => <AuditEntity type={e.entityType} id={e.entityId} />,
                    },
                    { key: 'ip', header: t('admin.ip'), render: (e) => e.ip ?? '—' },
                    {
                      key: 'details',
                      header: t('admin.details'),
                      render: (e) => <AuditDetails details={e.details} />,
                    },
                  ]}
                />
              )}
            </ListFrame>
          </div>
        )}
      </CurrentUser>
    </div>
  );
}

function MailBody({ text }: { text: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <div>
      <Button size="sm" variant="ghost" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? t('admin.hide') : t('admin.show')}
      </Button>
      {open && <pre className="mail-body">{text}</pre>}
    </div>
  );
}

export function AdminOutboxPage() {
  const { t, i18n } = useTranslation();
  const list = useCursorList(adminKeys.outbox, 'GET /api/admin/outbox', {});
  return (
    <div className="container page">
      <CurrentUser>
        {() => (
          <div className="stack">
            <PageHeader title={t('admin.outboxTitle')} description={t('admin.outboxLead')} />
            <ListFrame query={list} empty={t('admin.noMail')}>
              {(items) => (
                <Table
                  caption={t('admin.outboxTitle')}
                  rows={items}
                  rowKey={(m) => m.id}
                  columns={[
                    {
                      key: 'when',
                      header: t('admin.when'),
                      render: (m) => formatDateTime(m.createdAt, i18n.language),
                    },
                    { key: 'to', header: t('admin.to'), render: (m) => m.to },
                    { key: 'subject', header: t('admin.subject'), render: (m) => m.subject },
                    {
                      key: 'status',
                      header: t('admin.status'),
                      render: (m) => (
                        <Badge tone={m.status === 'failed' ? 'danger' : 'info'}>
                          {t(`status.${m.status}`)}
                        </Badge>
                      ),
                    },
                    { key: 'body', header: t('admin.details'), render: (m) => <MailBody text={m.text} /> },
                  ]}
                />
              )}
            </ListFrame>
          </div>
        )}
      </CurrentUser>
    </div>
  );
}
