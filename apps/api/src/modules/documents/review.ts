import type { Kysely } from 'kysely';
import type { DB } from '../../database';
import { type RequestMeta, recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { withScope } from '../../platform/db/scoped';
import { AppError, notFound } from '../../platform/http/errors';
import type { Notify } from '../notifications/service';
import { assertMayReview, scope } from './policy';
import { latestAvailable } from './repository';

export function createReview(deps: { db: Kysely<DB>; notify: Notify }) {
  return {
    /**
     * The assigned expert or an admin approves or rejects (with a reason) the document of an item.
     * The decision is kept on the version too, so earlier reasons stay readable.
     */
    async review(
      actor: Actor,
      id: string,
      decision: 'approved' | 'rejected',
      reason: string | null,
      meta: RequestMeta,
    ) {
      assertMayReview(actor);
      return withScope(deps.db, scope(actor), async (trx) => {
        const document = await trx
          .selectFrom('documents as d')
          .innerJoin('dossier_items as i', 'i.id', 'd.item_id')
          .select([
            'd.id',
            'd.dossier_id',
            'd.client_id',
            'd.item_id',
            'i.code',
            'i.source',
            'i.label',
            'i.status',
          ])
          .where('d.id', '=', id)
          .executeTakeFirst();
        if (!document?.item_id) throw notFound('Document introuvable.');
        const current = await latestAvailable(trx, id);
        if (document.status !== 'uploaded' || !current)
          throw new AppError('INVALID_TRANSITION', 409, 'Cette pièce n’attend pas de validation.');
        const now = new Date();
        await trx
          .updateTable('document_versions')
          .set({
            review_status: decision,
            review_reason: reason,
            reviewed_by: actor.userId,
            reviewed_at: now,
          })
          .where('document_id', '=', id)
          .where('version', '=', current.version)
          .execute();
        await trx
          .updateTable('dossier_items')
          .set({ status: decision, reason, updated_at: now })
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
            template: 'document.rejected',
            params: {
              document: document.label,
              // An expert's own request is free text: it is read as the expert wrote it.
              documentCode: document.source === 'expert' ? null : document.code,
              reason,
            },
            link: `/dossiers/${document.dossier_id}`,
            dossierId: document.dossier_id,
          });
        }
        await recordAudit(trx, meta, {
          action: `document.${decision}`,
          entityType: 'document',
          entityId: id,
          details: { version: current.version, ...(reason ? { reason } : {}) },
        });
      });
    },
  };
}
