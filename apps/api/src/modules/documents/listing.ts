import {
  type DocumentMetadata,
  isCompanyDocumentCode,
  type MyDocument,
  type MyDocumentsQuery,
} from '@ft/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../database';
import { type RequestMeta, recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { decodeCursor, page } from '../../platform/db/pagination';
import { withScope } from '../../platform/db/scoped';
import { notFound } from '../../platform/http/errors';
import { scope, seesHidden } from './policy';
import { listVersions, toMetadata } from './repository';

export function createListing(deps: { db: Kysely<DB> }) {
  return {
    /**
     * The caller's documents across dossiers (row-level security decides which: a client its own),
     * each at its latest available version, newest first with a keyset cursor.
     */
    async listMine(actor: Actor, query: MyDocumentsQuery) {
      const after = decodeCursor(query.cursor);
      return withScope(deps.db, scope(actor), async (trx) => {
        let q = trx
          .selectFrom('documents as d')
          .innerJoin('dossiers as o', 'o.id', 'd.dossier_id')
          .innerJoin('products as p', 'p.code', 'o.product_code')
          .leftJoin('dossier_items as i', 'i.id', 'd.item_id')
          .innerJoinLateral(
            (eb) =>
              eb
                .selectFrom('document_versions as dv')
                .select(['dv.version', 'dv.file_name', 'dv.mime_type', 'dv.size_bytes', 'dv.uploaded_at'])
                .whereRef('dv.document_id', '=', 'd.id')
                .where('dv.hidden_at', 'is', null)
                .where('dv.purged_at', 'is', null)
                .orderBy('dv.version', 'desc')
                .limit(1)
                .as('v'),
            (join) => join.onTrue(),
          )
          .select([
            'd.id',
            'd.dossier_id',
            'd.item_id',
            'd.created_at',
            'o.product_code',
            'p.name as product_name',
            'i.code as item_code',
            'i.label as item_label',
            'i.status as item_status',
            'i.reason as item_reason',
            'v.version',
            'v.file_name',
            'v.mime_type',
            'v.size_bytes',
            'v.uploaded_at',
          ])
          .orderBy('d.created_at', 'desc')
          .orderBy('d.id', 'desc')
          .limit(query.limit + 1);
        if (actor.role === 'client') q = q.where('d.client_id', '=', actor.userId);
        if (query.dossierId) q = q.where('d.dossier_id', '=', query.dossierId);
        if (query.kind) q = q.where('i.code', '=', query.kind);
        if (query.status)
          q = q.where((eb) => eb(eb.fn.coalesce('i.status', eb.val('uploaded')), '=', query.status ?? ''));
        if (after)
          q = q.where((eb) =>
            eb.or([
              eb('d.created_at', '<', after.createdAt),
              eb.and([eb('d.created_at', '=', after.createdAt), eb('d.id', '<', after.id)]),
            ]),
          );
        const rows = await q.execute();
        const result = page(rows, query.limit, (row) => ({ createdAt: row.created_at, id: row.id }));
        return {
          nextCursor: result.nextCursor,
          items: result.items.map(
            (row): MyDocument => ({
              id: row.id,
              dossierId: row.dossier_id,
              productCode: row.product_code,
              productName: row.product_name,
              itemId: row.item_id,
              itemCode: row.item_code,
              itemLabel: row.item_label,
              status: row.item_status ?? 'uploaded',
              reason: row.item_reason,
              version: row.version,
              fileName: row.file_name,
              mimeType: row.mime_type,
              sizeBytes: row.size_bytes,
              uploadedAt: row.uploaded_at.toISOString(),
              reusable: row.item_code !== null && isCompanyDocumentCode(row.item_code),
            }),
          ),
        };
      });
    },

    /** Every document of a dossier with its versions (who, when, review), for the checklist. */
    async listForDossier(
      actor: Actor,
      dossierId: string,
      meta: RequestMeta,
    ): Promise<{ documents: DocumentMetadata[] }> {
      return withScope(deps.db, scope(actor), async (trx) => {
        const dossier = await trx
          .selectFrom('dossiers')
          .select('id')
          .where('id', '=', dossierId)
          .executeTakeFirst();
        if (!dossier) throw notFound('Dossier introuvable.');
        const documents = await trx
          .selectFrom('documents')
          .select(['id', 'dossier_id', 'item_id'])
          .where('dossier_id', '=', dossierId)
          .orderBy('created_at')
          .execute();
        const versions = await listVersions(
          trx,
          documents.map((d) => d.id),
          seesHidden(actor),
        );
        await recordAudit(trx, meta, {
          action: 'document.listed',
          entityType: 'dossier',
          entityId: dossierId,
        });
        return {
          documents: documents
            .map((d) =>
              toMetadata(
                d,
                versions.filter((v) => v.document_id === d.id),
              ),
            )
            .filter((d) => d.versions.length > 0),
        };
      });
    },
  };
}
