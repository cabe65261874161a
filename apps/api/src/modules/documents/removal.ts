import { isFinal } from '@ft/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../../database';
import { type RequestMeta, recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { withScope } from '../../platform/db/scoped';
import { AppError, forbidden, notFound } from '../../platform/http/errors';
import type { FileStorage } from '../../platform/storage/storage';
import { assertMayHide, assertMayPurge, scope } from './policy';
import { refreshItemStatus, type Trx } from './repository';

const timelineEvent = (trx: Trx, dossierId: string, actorId: string, action: string, details: object) =>
  trx
    .insertInto('dossier_events')
    .values({
      dossier_id: dossierId,
      actor_id: actorId,
      action,
      from_status: null,
      to_status: null,
      details: JSON.stringify(details),
    })
    .execute();

/** Taking documents back: never a hard delete by a client; bytes go only by an admin's purge. */
export function createRemoval(deps: { db: Kysely<DB>; storage: FileStorage }) {
  return {
    /**
     * A client takes back one of its uploads that nobody has reviewed yet. The version stays in the
     * database (admins and the audit trail still see it); the item falls back to the previous one.
     */
    async hide(actor: Actor, documentId: string, version: number, meta: RequestMeta) {
      assertMayHide(actor);
      await withScope(deps.db, scope(actor), async (trx) => {
        const row = await trx
          .selectFrom('document_versions as v')
          .innerJoin('documents as d', 'd.id', 'v.document_id')
          .innerJoin('dossiers as o', 'o.id', 'd.dossier_id')
          .select([
            'd.client_id',
            'd.dossier_id',
            'o.status',
            'v.review_status',
            'v.hidden_at',
            'v.purged_at',
            'v.uploaded_by',
          ])
          .where('v.document_id', '=', documentId)
          .where('v.version', '=', version)
          .executeTakeFirst();
        if (!row || row.client_id !== actor.userId || row.hidden_at || row.purged_at)
          throw notFound('Document introuvable.');
        if (row.uploaded_by !== actor.userId)
          throw forbidden('Vous ne pouvez retirer que vos propres dépôts.');
        if (row.review_status)
          throw new AppError(
            'DOCUMENT_REVIEWED',
            409,
            'Cette pièce a déjà été examinée : elle ne peut plus être retirée.',
          );
        if (isFinal(row.status))
          throw new AppError('INVALID_TRANSITION', 409, 'Ce dossier est clos : ses pièces ne changent plus.');
        await trx
          .updateTable('document_versions')
          .set({ hidden_at: new Date(), hidden_by: actor.userId })
          .where('document_id', '=', documentId)
          .where('version', '=', version)
          .execute();
        await refreshItemStatus(trx, documentId);
        await timelineEvent(trx, row.dossier_id, actor.userId, 'document-hidden', { version });
        await recordAudit(trx, meta, {
          action: 'document.hidden',
          entityType: 'document',
          entityId: documentId,
          details: { version },
        });
      });
    },

    /**
     * An admin removes the bytes of one version (or all) for good, with a reason. The rows stay as
     * tombstones. Versions elsewhere that reuse the same bytes are purged with them, since their
     * bytes are gone too. The files are removed once the tombstones are committed; if that fails,
     * the orphan sweep removes them later (a purged version no longer protects its file).
     */
    async purge(
      actor: Actor,
      documentId: string,
      input: { reason: string; version?: number | undefined },
      meta: RequestMeta,
    ) {
      assertMayPurge(actor);
      const keys = await withScope(deps.db, scope(actor), async (trx) => {
        let query = trx
          .selectFrom('document_versions')
          .select(['storage_key', 'version', 'purged_at'])
          .where('document_id', '=', documentId);
        if (input.version !== undefined) query = query.where('version', '=', input.version);
        const targets = await query.execute();
        if (targets.length === 0) throw notFound('Document introuvable.');
        const live = targets.filter((v) => !v.purged_at);
        if (live.length === 0) throw new AppError('DOCUMENT_PURGED', 409, 'Ce document a déjà été purgé.');
        const storageKeys = [...new Set(live.map((v) => v.storage_key))];
        const purged = await trx
          .updateTable('document_versions')
          .set({ purged_at: new Date(), purged_by: actor.userId, purge_reason: input.reason })
          .where('storage_key', 'in', storageKeys)
          .where('purged_at', 'is', null)
          .returning(['document_id', 'version'])
          .execute();
        const byDocument = new Map<string, number[]>();
        for (const v of purged)
          byDocument.set(v.document_id, [...(byDocument.get(v.document_id) ?? []), v.version]);
        for (const [id, versions] of byDocument) {
          await refreshItemStatus(trx, id);
          const document = await trx
            .selectFrom('documents')
            .select('dossier_id')
            .where('id', '=', id)
            .executeTakeFirstOrThrow();
          await timelineEvent(trx, document.dossier_id, actor.userId, 'document-purged', {
            reason: input.reason,
            versions,
          });
          await recordAudit(trx, meta, {
            action: 'document.purged',
            entityType: 'document',
            entityId: id,
            details: { versions, reason: input.reason },
          });
        }
        return storageKeys;
      });
      await Promise.allSettled(keys.map((key) => deps.storage.remove(key)));
    },
  };
}
