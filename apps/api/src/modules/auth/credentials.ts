import type { UiLanguage } from '@ft/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../database';
import { type RequestMeta, recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { hashPassword, passwordWeakness, verifyPassword } from '../../platform/auth/password';
import { hashToken, newOpaqueToken } from '../../platform/auth/tokens';
import { withScope } from '../../platform/db/scoped';
import { AppError, validationFailed } from '../../platform/http/errors';
import type { Mailer } from '../../platform/mail/mailer';
import { authMails } from './mails';
import { ACCOUNT_CONTROL_TOKENS, authRepository } from './repository';

const RESET_TTL_MS = 3600 * 1000;

const invalidLink = () =>
  new AppError(
    'INVALID_TOKEN',
    400,
    'Ce lien est invalide, expiré ou a déjà été utilisé. Demandez-en un nouveau.',
  );

/** Password change and reset, e-mail verification: all with single-use, hashed, expiring tokens. */
export function createCredentialsService(deps: {
  db: Kysely<DB>;
  mailer: Mailer;
  publicUrl: string;
  sendVerification: (trx: Kysely<DB>, user: { id: string; email: string; locale: string }) => Promise<void>;
}) {
  const { db, mailer } = deps;

  async function assertStrong(password: string, email: string, field: string) {
    const weakness = passwordWeakness(password, email);
    if (weakness) throw validationFailed([{ field, message: weakness }]);
  }

  return {
    /** Changing the password closes every other session: a thief holding one is locked out. */
    async changePassword(
      actor: Actor,
      input: { currentPassword: string; newPassword: string },
      meta: RequestMeta,
    ) {
      const user = await authRepository.findUserById(db, actor.userId);
      if (!user || !(await verifyPassword(input.currentPassword, user.password_hash))) {
        throw validationFailed([
          { field: 'currentPassword', message: 'Le mot de passe actuel est incorrect.' },
        ]);
      }
      await assertStrong(input.newPassword, user.email, 'newPassword');
      const passwordHash = await hashPassword(input.newPassword);
      await db.transaction().execute(async (trx) => {
        await authRepository.setPassword(trx, user.id, passwordHash);
        await authRepository.revokeUserSessions(trx, user.id, actor.sessionId);
        await authRepository.discardEmailTokens(trx, user.id, ACCOUNT_CONTROL_TOKENS);
        await mailer.enqueue(trx, authMails.passwordChanged(user.email, user.locale));
        await recordAudit(trx, meta, {
          action: 'auth.password_changed',
          entityType: 'user',
          entityId: user.id,
        });
      });
    },

    /** Answers the same whether or not the address has an account, so it reveals nothing. */
    async requestPasswordReset(email: string, meta: RequestMeta) {
      const user = await authRepository.findUserByEmail(db, email);
      if (!user) return;
      const token = newOpaqueToken();
      await db.transaction().execute(async (trx) => {
        // Only the newest link works: an older one left in a mailbox is worthless.
        await authRepository.discardEmailTokens(trx, user.id, ['reset_password']);
        await authRepository.insertEmailToken(trx, {
          userId: user.id,
          purpose: 'reset_password',
          tokenHash: hashToken(token),
          ttlMs: RESET_TTL_MS,
        });
        await mailer.enqueue(
          trx,
          authMails.passwordReset(
            user.email,
            user.locale,
            `${deps.publicUrl}/reinitialiser-mot-de-passe?token=${token}`,
          ),
        );
        await recordAudit(
          trx,
          { ...meta, actorId: null },
          { action: 'auth.password_reset_requested', entityType: 'user', entityId: user.id },
        );
      });
    },

    async resetPassword(input: { token: string; password: string }, meta: RequestMeta) {
      const passwordHash = await hashPassword(input.password);
      await db.transaction().execute(async (trx) => {
        const used = await authRepository.consumeEmailToken(trx, 'reset_password', hashToken(input.token));
        if (!used) throw invalidLink();
        const user = await authRepository.findUserById(trx, used.user_id);
        if (!user) throw invalidLink();
        await assertStrong(input.password, user.email, 'password');
        await authRepository.setPassword(trx, user.id, passwordHash);
        await authRepository.revokeUserSessions(trx, user.id);
        await authRepository.discardEmailTokens(trx, user.id, ACCOUNT_CONTROL_TOKENS);
        // Following the e-mailed link proves the address as well.
        await authRepository.markEmailVerified(trx, user.id);
        await recordAudit(
          trx,
          { ...meta, actorId: user.id },
          { action: 'auth.password_reset', entityType: 'user', entityId: user.id },
        );
      });
    },

    /** The language the user reads the platform in; its e-mails follow it from now on. */
    async setLanguage(actor: Actor, language: UiLanguage) {
      await withScope(db, { userId: actor.userId, role: actor.role }, (trx) =>
        trx
          .updateTable('users')
          .set({ locale: language, updated_at: new Date() })
          .where('id', '=', actor.userId)
          .execute(),
      );
      return { language };
    },

    async resendVerification(actor: Actor) {
      const user = await authRepository.findUserById(db, actor.userId);
      if (!user || user.email_verified_at) return;
      await db.transaction().execute((trx) => deps.sendVerification(trx, user));
    },

    async verifyEmail(token: string, meta: RequestMeta) {
      await db.transaction().execute(async (trx) => {
        const used = await authRepository.consumeEmailToken(trx, 'verify_email', hashToken(token));
        if (!used) throw invalidLink();
        await authRepository.markEmailVerified(trx, used.user_id);
        await recordAudit(
          trx,
          { ...meta, actorId: used.user_id },
          { action: 'auth.email_verified', entityType: 'user', entityId: used.user_id },
        );
      });
    },
  };
}

export type CredentialsService = ReturnType<typeof createCredentialsService>;
