import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CurrentUser } from '../../app/RequireUser';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Dialog,
  ErrorState,
  LoadingState,
  PageHeader,
  Table,
  TextAreaField,
  TextField,
  useToast,
} from '../../components/ui';
import { ApiError } from '../../lib/api';
import { apiRequest } from '../../lib/client';
import { useErrorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import type { BodyOf, ResponseOf } from '../../lib/routes';
import { ChecklistEditor } from './ChecklistEditor';
import { adminKeys, adminQueries } from './queries';

type AdminProduct = ResponseOf<'GET /api/admin/products'>['products'][number];

function EditProduct({ product, onClose }: { product: AdminProduct; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useToast();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (body: BodyOf<'PATCH /api/admin/products/:code'>) =>
      apiRequest('PATCH /api/admin/products/:code', { params: { code: product.code }, body }),
    onSuccess: () => {
      notify(t('admin.productSaved'), 'success');
      void queryClient.invalidateQueries({ queryKey: adminKeys.products });
      onClose();
    },
  });
  const fieldErrors = save.error instanceof ApiError ? save.error.byField : {};
  const [checklist, setChecklist] = useState(product.checklist);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const params = Object.fromEntries(
      Object.keys(product.params).map((key) => [
        key,
        Number(String(data.get(`param-${key}`)).replace(',', '.')),
      ]),
    );
    save.mutate({
      name: String(data.get('name')),
      description: String(data.get('description')),
      active: data.get('active') === 'on',
      checklist,
      ...(Object.keys(params).length > 0 ? { params } : {}),
    });
  };
  return (
    <Dialog open title={t('admin.editProduct', { name: product.name })} onClose={onClose}>
      <form className="stack" onSubmit={onSubmit} noValidate>
        {save.error && Object.keys(fieldErrors).length === 0 && (
          <Alert tone="danger">{errorMessage(save.error)}</Alert>
        )}
        <TextField
          label={t('admin.productName')}
          name="name"
          defaultValue={product.name}
          error={fieldErrors.name}
        />
        <TextAreaField
          label={t('admin.productDescription')}
          name="description"
          defaultValue={product.description}
          error={fieldErrors.description}
        />
        {Object.entries(product.params).map(([key, value]) => (
          <TextField
            key={key}
            label={t('admin.param', { key })}
            name={`param-${key}`}
            inputMode="decimal"
            defaultValue={String(value)}
            hint={t('admin.paramHint')}
            error={fieldErrors[`params.${key}`] ?? fieldErrors.params}
          />
        ))}
        <ChecklistEditor
          items={checklist}
          onChange={setChecklist}
          error={Object.entries(fieldErrors).find(([field]) => field.startsWith('checklist'))?.[1]}
        />
        <Checkbox label={t('admin.productActive')} name="active" defaultChecked={product.active} />
        {fieldErrors.active && <span className="field-error">{fieldErrors.active}</span>}
        <p className="field-hint">{t('admin.appliesToNew')}</p>
        <div className="dialog-actions">
          <Button variant="secondary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function ProductsTable() {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const [editing, setEditing] = useState<AdminProduct | null>(null);
  const products = useQuery(adminQueries.products());
  if (products.isPending) return <LoadingState />;
  if (products.isError)
    return <ErrorState message={errorMessage(products.error)} onRetry={() => void products.refetch()} />;
  return (
    <>
      <Table
        caption={t('admin.productsTitle')}
        rows={products.data.products}
        rowKey={(p) => p.code}
        columns={[
          { key: 'name', header: t('admin.productName'), render: (p) => p.name },
          { key: 'category', header: t('admin.category'), render: (p) => p.category },
          {
            key: 'active',
            header: t('admin.status'),
            render: (p) => (
              <Badge tone={p.active ? 'success' : 'neutral'}>
                {p.active ? t('admin.productOn') : t('admin.productOff')}
              </Badge>
            ),
          },
          {
            key: 'params',
            header: t('admin.params'),
            render: (p) =>
              Object.keys(p.params).length ? (
                <code>
                  {Object.entries(p.params)
                    .map(([k, v]) => `${k} = ${v}`)
                    .join(' · ')}
                </code>
              ) : (
                '—'
              ),
          },
          {
            key: 'updated',
            header: t('admin.updated'),
            numeric: true,
            render: (p) => formatDateTime(p.updatedAt, i18n.language),
          },
          {
            key: 'edit',
            header: <span className="visually-hidden">{t('admin.edit')}</span>,
            render: (p) => (
              <Button size="sm" variant="secondary" onClick={() => setEditing(p)}>
                {t('admin.edit')}
              </Button>
            ),
          },
        ]}
      />
      {editing && <EditProduct product={editing} onClose={() => setEditing(null)} />}
    </>
  );
}

export function AdminProductsPage() {
  const { t } = useTranslation();
  return (
    <div className="container page">
      <CurrentUser>
        {() => (
          <div className="stack">
            <PageHeader title={t('admin.productsTitle')} description={t('admin.productsLead')} />
            <ProductsTable />
          </div>
        )}
      </CurrentUser>
    </div>
  );
}
