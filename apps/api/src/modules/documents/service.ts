import type { Readable } from 'node:stream';
import type { DocumentMetadata } from '@ft/contracts';
import { isFinal } from '@ft/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../../database';
import { type RequestMeta, recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { withScope } from '../../platform/db/scoped';
import { AppError, notFound, validationFailed } from '../../platform/http/errors';
import { detectAllowedType } from '../../platform/storage/file-kind';
import { type FileStorage, type StagedFile, TooLargeError } from '../../platform/storage/storage';
import type { Notify } from '../notifications/service';
import { createListing } from './listing';
import { assertHandlesDocuments, sanitizeFileName, scope, seesHidden } from './policy';
import { createRemoval } from './removal';
import { addVersion, latestAvailable, listVersions, toMetadata } from './repository';
import { createReuse } from './reuse';
import { createReview } from './review';

export function createDocumentsService(deps: {
  db: Kysely<DB>;
  storage: FileStorage;
  maxBytes: number;
  notify: Notify;
}) {
  const { db, storage } = deps;

  return {
    /**
     * Streams the upload to a temporary file (size limit enforced while streaming), checks its real
     * type, then records it as a new version of the item's document. A refused file leaves nothing.
     */
    async upload(
      actor: Actor,
      dossierId: string,
      file: { stream: Readable; fileName: string; itemId: string | undefined },
      meta: RequestMeta,
    ) {
      let staged: StagedFile;
      try {
        staged = await storage.stage(file.stream, deps.maxBytes);
      } catch (error) {
        if (error instanceof TooLargeError) {
          throw new AppError(
            'PAYLOAD_TOO_LARGE',
            413,
            `Ce fichier dépasse la taille maximale de ${Math.round(deps.maxBytes / 1_000_000)} Mo.`,
          );
        }
        throw error;
      }
      const fileName = sanitizeFileName(file.fileName);
      const mimeType = await detectAllowedType(staged.head, fileName);
      if (staged.sizeBytes === 0) {
        await storage.discard(staged);
        throw new AppError('EMPTY_FILE', 400, 'Ce fichier est vide.');
      }
      if (!mimeType) {
        await storage.discard(staged);
        throw new AppError(
          'UNSUPPORTED_MEDIA_TYPE',
          415,
          'Ce type de fichier n’est pas accepté (PDF, images, documents Office ou OpenDocument, CSV, texte).',
        );
      }
      const key = await storage.commit(staged);
      try {
        return await withScope(db, scope(actor), async (trx) => {
          const dossier = await trx
            .selectFrom('dossiers')
            .select(['id', 'client_id', 'status'])
            .where('id', '=', dossierId)
            .executeTakeFirst();
          if (!dossier) throw notFound('Dossier introuvable.');
          await assertHandlesDocuments(trx, actor, dossierId);
          if (isFinal(dossier.status))
            throw new AppError(
              'INVALID_TRANSITION',
              409,
              'Ce dossier est clos : il ne reçoit plus de pièces.',
            );
          if (actor.role === 'expert' && !file.itemId)
            throw validationFailed([{ field: 'itemId', message: 'Indiquez la pièce concernée.' }]);
          if (file.itemId) {
            const item = await trx
              .selectFrom('dossier_items')
              .select('id')
              .where('id', '=', file.itemId)
              .where('dossier_id', '=', dossierId)
              .executeTakeFirst();
            if (!item)
              throw validationFailed([
                { field: 'itemId', message: 'Cette pièce n’existe pas sur ce dossier.' },
              ]);
          }
          const { documentId, version } = await addVersion(
            trx,
            { clientId: dossier.client_id, dossierId, itemId: file.itemId ?? null },
            {
              storageKey: key,
              sha256: staged.sha256,
              sizeBytes: staged.sizeBytes,
              mimeType,
              fileName,
              uploadedBy: actor.userId,
            },
          );
          await recordAudit(trx, meta, {
            action: 'document.uploaded',
            entityType: 'document',
            entityId: documentId,
            details: { version, sha256: staged.sha256 },
          });
          return {
            id: documentId,
            version,
            sha256: staged.sha256,
            sizeBytes: staged.sizeBytes,
            mimeType,
            fileName,
          };
        });
      } catch (error) {
        // Nothing in the database references the file: remove it rather than leave an orphan.
        await storage.remove(key);
        throw error;
      }
    },

    /**
     * For other modules referring to documents (message attachments): the dossier of each given
     * document the caller may see, read in the caller's own scoped transaction.
     */
    async dossiersOf(trx: Kysely<DB>, ids: readonly string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await trx
        .selectFrom('documents')
        .select(['id', 'dossier_id'])
        .where('id', 'in', [...ids])
        .execute();
      return new Map(rows.map((row) => [row.id, row.dossier_id]));
    },

    async metadata(actor: Actor, id: string, meta: RequestMeta): Promise<DocumentMetadata> {
      return withScope(db, scope(actor), async (trx) => {
        const document = await trx
          .selectFrom('documents')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirst();
        const versions = document ? await listVersions(trx, [id], seesHidden(actor)) : [];
        if (!document || versions.length === 0) throw notFound('Document introuvable.');
        await recordAudit(trx, meta, { action: 'document.viewed', entityType: 'document', entityId: id });
        return toMetadata(document, versions);
      });
    },

    /** The bytes of one version (the latest available by default); every download is audited. */
    async open(actor: Actor, id: string, version: number | undefined, meta: RequestMeta) {
      const row = await withScope(db, scope(actor), async (trx) => {
        const found =
          version === undefined
            ? await latestAvailable(trx, id)
            : await trx
                .selectFrom('document_versions')
                .selectAll()
                .where('document_id', '=', id)
                .where('version', '=', version)
                .executeTakeFirst();
        if (!found || (found.hidden_at && !seesHidden(actor))) throw notFound('Document introuvable.');
        if (found.purged_at)
          throw new AppError(
            'DOCUMENT_PURGED',
            410,
            'Ce document a été supprimé définitivement par l’équipe.',
          );
        await recordAudit(trx, meta, {
          action: 'document.downloaded',
          entityType: 'document',
          entityId: id,
          details: { version: found.version },
        });
        return found;
      });
      return {
        stream: await storage.read(row.storage_key),
        fileName: row.file_name,
        mimeType: row.mime_type,
        sizeBytes: row.size_bytes,
        sha256: row.sha256,
      };
    },

    /**
     * Scheduled: removes files no version references (a crash between the rename and the insert)
     * and temp files of interrupted uploads, once they are an hour old.
     */
    async removeOrphans(trx: Kysely<DB>): Promise<number> {
      const cutoff = Date.now() - 3600 * 1000;
      const candidates = (await storage.list()).filter((file) => file.modifiedAt.getTime() < cutoff);
      if (candidates.length === 0) return 0;
      const referenced = new Set(
        (
          await trx
            .selectFrom('document_versions')
            .select('storage_key')
            // A purged version's file is gone on purpose: its tombstone protects nothing.
            .where('purged_at', 'is', null)
            .where(
              'storage_key',
              'in',
              candidates.map((f) => f.key),
            )
            .execute()
        ).map((row) => row.storage_key),
      );
      const orphans = candidates.filter((file) => file.temp || !referenced.has(file.key));
      for (const file of orphans) await storage.remove(file.key);
      return orphans.length;
    },

    ...createReview(deps),
    ...createRemoval(deps),
    ...createReuse(deps),
    ...createListing(deps),
  };
}

export type DocumentsService = ReturnType<typeof createDocumentsService>;
