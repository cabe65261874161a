import { isCompanyDocumentCode, type UploadedDocument } from '@ft/contracts';
import { isFinal } from '@ft/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../../database';
import { type RequestMeta, recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { withScope } from '../../platform/db/scoped';
import { AppError, notFound, validationFailed } from '../../platform/http/errors';
import { assertMayAttach, scope } from './policy';
import { addVersion, latestAvailable } from './repository';

export function createReuse(deps: { db: Kysely<DB> }) {
  return {
    /**
     * Attaches a company document (Kbis, RIB, statuts) the client already sent on another dossier
     * to the matching item of this one: a new version pointing at the same stored bytes, no upload.
     */
    async attach(
      actor: Actor,
      target: { dossierId: string; itemId: string },
      documentId: string,
      meta: RequestMeta,
    ): Promise<UploadedDocument> {
      assertMayAttach(actor);
      return withScope(deps.db, scope(actor), async (trx) => {
        const item = await trx
          .selectFrom('dossier_items as i')
          .innerJoin('dossiers as d', 'd.id', 'i.dossier_id')
          .select(['i.id', 'i.code', 'i.status', 'd.client_id', 'd.status as dossier_status'])
          .where('i.id', '=', target.itemId)
          .where('i.dossier_id', '=', target.dossierId)
          .executeTakeFirst();
        if (!item || item.client_id !== actor.userId) throw notFound('Pièce introuvable.');
        if (isFinal(item.dossier_status))
          throw new AppError('INVALID_TRANSITION', 409, 'Ce dossier est clos : il ne reçoit plus de pièces.');
        if (item.status === 'approved')
          throw new AppError('INVALID_TRANSITION', 409, 'Cette pièce est déjà validée.');
        if (!isCompanyDocumentCode(item.code))
          throw validationFailed([
            {
              field: 'documentId',
              message: 'Seuls les documents de l’entreprise (Kbis, RIB, statuts) peuvent être réutilisés.',
            },
          ]);
        const source = await trx
          .selectFrom('documents as d')
          .innerJoin('dossier_items as i', 'i.id', 'd.item_id')
          .select(['d.id', 'd.client_id', 'd.item_id', 'i.code'])
          .where('d.id', '=', documentId)
          .executeTakeFirst();
        const version = source ? await latestAvailable(trx, source.id) : undefined;
        if (!source || source.client_id !== actor.userId || !version) throw notFound('Document introuvable.');
        if (source.code !== item.code || source.item_id === item.id)
          throw validationFailed([
            { field: 'documentId', message: 'Ce document ne correspond pas à cette pièce.' },
          ]);
        const added = await addVersion(
          trx,
          { clientId: item.client_id, dossierId: target.dossierId, itemId: item.id },
          {
            storageKey: version.storage_key,
            sha256: version.sha256,
            sizeBytes: version.size_bytes,
            mimeType: version.mime_type,
            fileName: version.file_name,
            uploadedBy: actor.userId,
            reusedFrom: { documentId: source.id, version: version.version },
          },
        );
        await recordAudit(trx, meta, {
          action: 'document.attached',
          entityType: 'document',
          entityId: added.documentId,
          details: {
            version: added.version,
            fromDocumentId: source.id,
            fromVersion: version.version,
            sha256: version.sha256,
          },
        });
        return {
          id: added.documentId,
          version: added.version,
          sha256: version.sha256,
          sizeBytes: version.size_bytes,
          mimeType: version.mime_type,
          fileName: version.file_name,
        };
      });
    },
  };
}
