import type { DocumentMetadata, DocumentVersion } from '@ft/contracts';
import type { Selectable, Transaction } from 'kysely';
import type { DB } from '../../database';
import type { DocumentVersionsTable } from './tables';

export type Trx = Transaction<DB>;
export type VersionRow = Selectable<DocumentVersionsTable>;

/** Versions a caller may see: admins see hidden ones too; purged ones stay as tombstones. */
export async function listVersions(trx: Trx, documentIds: string[], includeHidden: boolean) {
  if (documentIds.length === 0) return [];
  let query = trx
    .selectFrom('document_versions')
    .selectAll()
    .where('document_id', 'in', documentIds)
    .orderBy('document_id')
    .orderBy('version');
  if (!includeHidden) query = query.where('hidden_at', 'is', null);
  return query.execute();
}

/** The version served as "the document": the latest one neither hidden nor purged. */
export function latestAvailable(trx: Trx, documentId: string) {
  return trx
    .selectFrom('document_versions')
    .selectAll()
    .where('document_id', '=', documentId)
    .where('hidden_at', 'is', null)
    .where('purged_at', 'is', null)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function toVersionView(v: VersionRow): DocumentVersion {
  return {
    version: v.version,
    sha256: v.sha256,
    sizeBytes: v.size_bytes,
    fileName: v.file_name,
    mimeType: v.mime_type,
    uploadedAt: v.uploaded_at.toISOString(),
    uploadedBy: v.uploaded_by,
    review: v.review_status
      ? { status: v.review_status, reason: v.review_reason, at: v.reviewed_at?.toISOString() ?? null }
      : null,
    hiddenAt: v.hidden_at?.toISOString() ?? null,
    purged: v.purged_at && v.purge_reason ? { at: v.purged_at.toISOString(), reason: v.purge_reason } : null,
    reusedFrom:
      v.reused_from_version !== null
        ? { documentId: v.reused_from_document_id, version: v.reused_from_version }
        : null,
  };
}

/**
 * The item's status follows its latest available version: none → requested, unreviewed →
 * uploaded, otherwise that version's review. Called after a version is hidden or purged.
 */
export async function refreshItemStatus(trx: Trx, documentId: string) {
  const document = await trx
    .selectFrom('documents')
    .select('item_id')
    .where('id', '=', documentId)
    .executeTakeFirst();
  if (!document?.item_id) return;
  const latest = await latestAvailable(trx, documentId);
  await trx
    .updateTable('dossier_items')
    .set({
      status: latest ? (latest.review_status ?? 'uploaded') : 'requested',
      reason: latest?.review_reason ?? null,
      updated_at: new Date(),
    })
    .where('id', '=', document.item_id)
    .execute();
}

export type NewVersion = {
  storageKey: string;
  sha256: string;
  sizeBytes: number;
  mimeType: string;
  fileName: string;
  uploadedBy: string;
  reusedFrom?: { documentId: string; version: number };
};

/**
 * Adds a version to the item's document (creating the document on first upload), marks the item
 * uploaded and writes the timeline event. Nothing is overwritten.
 */
export async function addVersion(
  trx: Trx,
  target: { clientId: string; dossierId: string; itemId: string | null },
  file: NewVersion,
) {
  // Concurrent uploads for one item queue here, so version numbers and the document row never race.
  if (target.itemId)
    await trx.selectFrom('dossier_items').select('id').where('id', '=', target.itemId).forUpdate().execute();
  const existing = target.itemId
    ? await trx.selectFrom('documents').select('id').where('item_id', '=', target.itemId).executeTakeFirst()
    : undefined;
  const documentId =
    existing?.id ??
    (
      await trx
        .insertInto('documents')
        .values({ client_id: target.clientId, dossier_id: target.dossierId, item_id: target.itemId })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const last = await trx
    .selectFrom('document_versions')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('document_id', '=', documentId)
    .executeTakeFirst();
  const version = Number(last?.v ?? 0) + 1;
  await trx
    .insertInto('document_versions')
    .values({
      document_id: documentId,
      version,
      storage_key: file.storageKey,
      sha256: file.sha256,
      size_bytes: file.sizeBytes,
      mime_type: file.mimeType,
      file_name: file.fileName,
      uploaded_by: file.uploadedBy,
      reused_from_document_id: file.reusedFrom?.documentId ?? null,
      reused_from_version: file.reusedFrom?.version ?? null,
    })
    .execute();
  if (target.itemId) {
    await trx
      .updateTable('dossier_items')
      .set({ status: 'uploaded', reason: null, updated_at: new Date() })
      .where('id', '=', target.itemId)
      .execute();
  }
  await trx
    .insertInto('dossier_events')
    .values({
      dossier_id: target.dossierId,
      actor_id: file.uploadedBy,
      action: file.reusedFrom ? 'document-reused' : 'document-uploaded',
      from_status: null,
      to_status: null,
      details: JSON.stringify({ fileName: file.fileName, version }),
    })
    .execute();
  return { documentId, version };
}

export function toMetadata(
  document: { id: string; dossier_id: string; item_id: string | null },
  versions: VersionRow[],
): DocumentMetadata {
  const current = [...versions].reverse().find((v) => !v.hidden_at && !v.purged_at) ?? versions.at(-1);
  return {
    id: document.id,
    dossierId: document.dossier_id,
    itemId: document.item_id,
    fileName: current?.file_name ?? '',
    mimeType: current?.mime_type ?? '',
    versions: versions.map(toVersionView),
  };
}
