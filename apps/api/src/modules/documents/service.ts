import type { Readable } from 'node:stream';
import { type DossierStatus, isFinal } from '@ft/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../../database';
import { type RequestMeta, recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { withScope } from '../../platform/db/scoped';
import { AppError, forbidden, notFound, validationFailed } from '../../platform/http/errors';
import { detectAllowedType } from '../../platform/storage/file-kind';
import { type Storage, TooLargeError } from '../../platform/storage/local';
import type { Notify } from '../notifications/service';

/** A name safe to show and to put in a Content-Disposition header; the stored key is our own. */
export function sanitizeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'document';
  const cleaned = base
    .replace(/[\p{Cc}"]/gu, '')
    .trim()
    .slice(0, 200);
  return cleaned || 'document';
}

const scope = (actor: Actor) => ({ userId: actor.userId, role: actor.role });

export function createDocumentsService(deps: {
  db: Kysely<DB>;
  storage: Storage;
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
      let staged: Awaited<ReturnType<Storage['stage']>>;
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
          if (isFinal(dossier.status as DossierStatus))
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
          const existing = file.itemId
            ? await trx
                .selectFrom('documents')
                .select('id')
                .where('item_id', '=', file.itemId)
                .executeTakeFirst()
            : undefined;
          const documentId =
            existing?.id ??
            (
              await trx
                .insertInto('documents')
                .values({ client_id: dossier.client_id, dossier_id: dossierId, item_id: file.itemId ?? null })
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
              storage_key: key,
              sha256: staged.sha256,
              size_bytes: staged.sizeBytes,
              mime_type: mimeType,
              file_name: fileName,
              uploaded_by: actor.userId,
            })
            .execute();
          if (file.itemId) {
            await trx
              .updateTable('dossier_items')
              .set({ status: 'uploaded', reason: null, updated_at: new Date() })
              .where('id', '=', file.itemId)
              .execute();
          }
          await trx
            .insertInto('dossier_events')
            .values({
              dossier_id: dossierId,
              actor_id: actor.userId,
              action: 'document-uploaded',
              from_status: null,
              to_status: null,
              details: JSON.stringify({ fileName, version }),
            })
            .execute();
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

    async metadata(actor: Actor, id: string, meta: RequestMeta) {
      return withScope(db, scope(actor), async (trx) => {
        const document = await trx
          .selectFrom('documents')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirst();
        if (!document) throw notFound('Document introuvable.');
        const versions = await trx
          .selectFrom('document_versions')
          .selectAll()
          .where('document_id', '=', id)
          .orderBy('version')
          .execute();
        await recordAudit(trx, meta, { action: 'document.viewed', entityType: 'document', entityId: id });
        const latest = versions.at(-1);
        return {
          id: document.id,
          dossierId: document.dossier_id,
          itemId: document.item_id,
          fileName: latest?.file_name ?? '',
          mimeType: latest?.mime_type ?? '',
          versions: versions.map((v) => ({
            version: v.version,
            sha256: v.sha256,
            sizeBytes: v.size_bytes,
            fileName: v.file_name,
            uploadedAt: v.uploaded_at.toISOString(),
            uploadedBy: v.uploaded_by,
          })),
        };
      });
    },

    /** The bytes of one version (the latest by default); every download is audited. */
    async open(actor: Actor, id: string, version: number | undefined, meta: RequestMeta) {
      const row = await withScope(db, scope(actor), async (trx) => {
        let query = trx.selectFrom('document_versions').selectAll().where('document_id', '=', id);
        query =
          version === undefined
            ? query.orderBy('version', 'desc').limit(1)
            : query.where('version', '=', version);
        const found = await query.executeTakeFirst();
        if (!found) throw notFound('Document introuvable.');
        await recordAudit(trx, meta, {
          action: 'document.downloaded',
          entityType: 'document',
          entityId: id,
          details: { version: found.version },
        });
        return found;
      });
      return {
        stream: storage.read(row.storage_key),
        fileName: row.file_name,
        mimeType: row.mime_type,
        sizeBytes: row.size_bytes,
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

    /** The assigned expert or an admin approves or rejects (with a reason) the document of an item. */
    async review(
      actor: Actor,
      id: string,
      decision: 'approved' | 'rejected',
      reason: string | null,
      meta: RequestMeta,
    ) {
      if (actor.role === 'client')
        throw forbidden('Seuls l’expert du dossier et l’équipe peuvent valider une pièce.');
      return withScope(db, scope(actor), async (trx) => {
        const document = await trx
          .selectFrom('documents as d')
          .innerJoin('dossier_items as i', 'i.id', 'd.item_id')
          .select(['d.id', 'd.dossier_id', 'd.client_id', 'd.item_id', 'i.label', 'i.status'])
          .where('d.id', '=', id)
          .executeTakeFirst();
        if (!document?.item_id) throw notFound('Document introuvable.');
        if (document.status !== 'uploaded')
          throw new AppError('INVALID_TRANSITION', 409, 'Cette pièce n’attend pas de validation.');
        await trx
          .updateTable('dossier_items')
          .set({ status: decision, reason, updated_at: new Date() })
          .where('id', '=', document.item_id)
          .execute();
        await trx
          .insertInto('dossier_events')
          .values({
            dossier_id: document.dossier_id,
            actor_id: actor.userId,
            action: `document-${decision}`,
            from_status: null,
            to_status: null,
            details: JSON.stringify({ label: document.label, ...(reason ? { reason } : {}) }),
          })
          .execute();
        if (decision === 'rejected') {
          await deps.notify(trx, {
            userId: document.client_id,
            type: 'document.rejected',
            title: `Pièce à redéposer : ${document.label}`,
            body: `La pièce « ${document.label} » de votre dossier a été refusée (motif : ${reason}). Déposez une nouvelle version depuis votre dossier.`,
            link: `/dossiers/${document.dossier_id}`,
            dossierId: document.dossier_id,
          });
        }
        await recordAudit(trx, meta, {
          action: `document.${decision}`,
          entityType: 'document',
          entityId: id,
          details: reason ? { reason } : {},
        });
      });
    },
  };
}

export type DocumentsService = ReturnType<typeof createDocumentsService>;
