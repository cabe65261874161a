import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../database';
import { type RequestMeta, recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { hashPassword, verifyPassword } from '../../platform/auth/password';
import { conflict, validationFailed } from '../../platform/http/errors';
import type { Mailer } from '../../platform/mail/mailer';
import type { FileStorage } from '../../platform/storage/storage';
import { authRepository } from '../auth/repository';
import { privacyMails } from './mails';

/** Between the request and the erasure: the user may change its mind (and sign in to cancel). */
export const DELETION_GRACE_MS = 30 * 24 * 3600 * 1000;

const SYSTEM: RequestMeta = { actorId: null, ip: null, userAgent: 'job' };

/**
 * Account deletion: a request with the password, 30 days of grace, then erasure of personal data.
 * Invoices and the data of invoiced dossiers stay (10 years, C. com. L123-22), attached to the
 * erased user row, which no longer names anyone.
 */
export function createAccountDeletion(deps: { db: Kysely<DB>; storage: FileStorage; mailer: Mailer }) {
  const { db, storage } = deps;

  async function erase(db: Kysely<DB>, userId: string): Promise<void> {
    const files = await db
      .selectFrom('document_versions as v')
      .innerJoin('documents as d', 'd.id', 'v.document_id')
      .select(['v.document_id', 'v.version', 'v.storage_key'])
      .where('d.client_id', '=', userId)
      .where('v.purged_at', 'is', null)
      .execute();
    const exports = await db
      .selectFrom('data_exports')
      .select('storage_key')
      .where('user_id', '=', userId)
      .execute();
    const invoiced = await db
      .selectFrom('invoices')
      .select('id')
      .where((eb) => eb.or([eb('client_id', '=', userId), eb('expert_id', '=', userId)]))
      .limit(1)
      .executeTakeFirst();
    // Unusable password: nobody can sign in to an erased account.
    const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({
          email: `erased-${userId}@erased.invalid`,
          password_hash: passwordHash,
          status: 'suspended',
          email_verified_at: null,
          erased_at: new Date(),
          deletion_due_at: null,
          updated_at: new Date(),
        })
        .where('id', '=', userId)
        .execute();
      for (const table of [
        'sessions',
        'email_tokens',
        'user_totp',
        'recovery_codes',
        'trusted_devices',
        'passkeys',
        'calendar_feeds',
        'notifications',
        'data_exports',
      ] as const) {
        await trx.deleteFrom(table).where('user_id', '=', userId).execute();
      }
      // The company stays named on its invoices (legal mentions); the person behind it does not.
      await trx
        .updateTable('client_profiles')
        .set({ first_name: '—', last_name: '—', phone: '', address: null, updated_at: new Date() })
        .where('user_id', '=', userId)
        .execute();
      if (!invoiced) {
        await trx
          .updateTable('client_profiles')
          .set({ company_name: 'Compte supprimé' })
          .where('user_id', '=', userId)
          .execute();
      }
      await trx
        .updateTable('expert_profiles')
        .set({ first_name: '—', last_name: '—', phone: null, bio: '', updated_at: new Date() })
        .where('user_id', '=', userId)
        .execute();
      await trx
        .updateTable('messages')
        .set({ body: 'Message supprimé', deleted_at: new Date() })
        .where('sender_id', '=', userId)
        .where('deleted_at', 'is', null)
        .execute();
      await trx
        .updateTable('document_versions')
        .set({ purged_at: new Date(), purge_reason: 'Compte supprimé (RGPD)' })
        .where(
          'document_id',
          'in',
          files.length > 0 ? files.map((f) => f.document_id) : ['00000000-0000-0000-0000-000000000000'],
        )
        .where('purged_at', 'is', null)
        .execute();
      await recordAudit(trx, SYSTEM, {
        action: 'privacy.account_erased',
        entityType: 'user',
        entityId: userId,
        details: { files: files.length, keptForInvoices: Boolean(invoiced) },
      });
    });
    // Bytes go once the rows say so: a crash in between leaves orphans for the orphan sweep.
    for (const key of [...files.map((f) => f.storage_key), ...exports.map((e) => e.storage_key)]) {
      if (key) await storage.remove(key).catch(() => undefined);
    }
  }

  return {
    async status(actor: Actor) {
      const user = await authRepository.findUserById(db, actor.userId);
      return user?.deletion_due_at
        ? {
            requestedAt: user.deletion_requested_at?.toISOString() ?? null,
            dueAt: user.deletion_due_at.toISOString(),
          }
        : null;
    },

    async request(actor: Actor, password: string, meta: RequestMeta) {
      const user = await authRepository.findUserById(db, actor.userId);
      if (!user || !(await verifyPassword(password, user.password_hash))) {
        throw validationFailed([{ field: 'password', message: 'Le mot de passe est incorrect.' }]);
      }
      if (user.role === 'admin') {
        throw conflict('CONFLICT', 'Un compte administrateur est retiré par un autre administrateur.');
      }
      const dueAt = new Date(Date.now() + DELETION_GRACE_MS);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('users')
          .set({ deletion_requested_at: new Date(), deletion_due_at: dueAt })
          .where('id', '=', user.id)
          .execute();
        await deps.mailer.enqueue(trx, privacyMails.deletionScheduled(user.email, user.locale, dueAt));
        await recordAudit(trx, meta, {
          action: 'privacy.deletion_requested',
          entityType: 'user',
          entityId: user.id,
          details: { dueAt: dueAt.toISOString() },
        });
      });
      return { requestedAt: new Date().toISOString(), dueAt: dueAt.toISOString() };
    },

    async cancel(actor: Actor, meta: RequestMeta) {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('users')
          .set({ deletion_requested_at: null, deletion_due_at: null })
          .where('id', '=', actor.userId)
          .execute();
        await recordAudit(trx, meta, {
          action: 'privacy.deletion_cancelled',
          entityType: 'user',
          entityId: actor.userId,
        });
      });
    },

    /** The job (on the scheduler's connection): erases every account whose grace period is over. */
    async eraseDue(db: Kysely<DB>, now = new Date()): Promise<number> {
      const due = await db
        .selectFrom('users')
        .select('id')
        .where('deletion_due_at', '<=', now)
        .where('erased_at', 'is', null)
        .execute();
      for (const user of due) await erase(db, user.id);
      return due.length;
    },
  };
}

export type AccountDeletion = ReturnType<typeof createAccountDeletion>;
