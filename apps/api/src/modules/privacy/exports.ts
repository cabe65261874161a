import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { strToU8, zipSync } from 'fflate';
import type { Kysely } from 'kysely';
import type { DB } from '../../database';
import { type RequestMeta, recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { hashToken, newOpaqueToken } from '../../platform/auth/tokens';
import { conflict, notFound } from '../../platform/http/errors';
import type { Mailer } from '../../platform/mail/mailer';
import type { FileStorage } from '../../platform/storage/storage';
import { privacyMails } from './mails';

/** How long the download link of an export works; the archive is removed after it. */
export const EXPORT_TTL_MS = 7 * 24 * 3600 * 1000;
const MAX_ARCHIVE_BYTES = 2 * 1024 * 1024 * 1024;

/** Everything the platform holds about one user, as JSON (RGPD art. 15 and 20). */
async function collect(db: Kysely<DB>, userId: string) {
  const user = await db
    .selectFrom('users')
    .select([
      'id',
      'email',
      'role',
      'status',
      'email_verified_at',
      'time_zone',
      'locale',
      'created_at',
      'last_login_at',
    ])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  const dossiers = await db
    .selectFrom('dossiers')
    .selectAll()
    .where((eb) => eb.or([eb('client_id', '=', userId), eb('expert_id', '=', userId)]))
    .execute();
  const dossierIds = dossiers.map((d) => d.id);
  const inDossiers = dossierIds.length > 0 ? dossierIds : ['00000000-0000-0000-0000-000000000000'];
  return {
    account: user,
    company: await db
      .selectFrom('client_profiles')
      .selectAll()
      .where('user_id', '=', userId)
      .executeTakeFirst(),
    expertProfile: await db
      .selectFrom('expert_profiles')
      .selectAll()
      .where('user_id', '=', userId)
      .executeTakeFirst(),
    consents: await db.selectFrom('consents').selectAll().where('user_id', '=', userId).execute(),
    sessions: await db
      .selectFrom('sessions')
      .select(['created_at', 'last_seen_at', 'expires_at', 'revoked_at', 'ip', 'user_agent'])
      .where('user_id', '=', userId)
      .execute(),
    dossiers,
    dossierEvents: await db
      .selectFrom('dossier_events')
      .selectAll()
      .where('dossier_id', 'in', inDossiers)
      .execute(),
    invoices: await db.selectFrom('invoices').selectAll().where('dossier_id', 'in', inDossiers).execute(),
    messages: await db
      .selectFrom('messages')
      .select(['id', 'conversation_id', 'sender_id', 'body', 'created_at', 'edited_at', 'deleted_at'])
      .where('sender_id', '=', userId)
      .execute(),
    appointments: await db
      .selectFrom('appointments')
      .selectAll()
      .where((eb) => eb.or([eb('client_id', '=', userId), eb('expert_id', '=', userId)]))
      .execute(),
    notifications: await db.selectFrom('notifications').selectAll().where('user_id', '=', userId).execute(),
  };
}

/** Document files of the user's dossiers (every version still held), for the archive. */
async function documentFiles(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom('document_versions as v')
    .innerJoin('documents as d', 'd.id', 'v.document_id')
    .select(['d.id', 'd.dossier_id', 'v.version', 'v.storage_key', 'v.file_name', 'v.mime_type', 'v.sha256'])
    .where('d.client_id', '=', userId)
    .where('v.purged_at', 'is', null)
    .execute();
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const safeName = (name: string) => name.replace(/[^\w.\- ]+/g, '_').slice(0, 120);

/**
 * "Télécharger mes données": the request is a job; the archive (data.json, every document file and
 * a manifest with each file's SHA-256) is built in the background and delivered by a link that
 * expires after seven days.
 */
export function createDataExports(deps: {
  db: Kysely<DB>;
  storage: FileStorage;
  mailer: Mailer;
  publicUrl: string;
}) {
  const { db, storage } = deps;

  async function build(
    db: Kysely<DB>,
    exportId: string,
    userId: string,
  ): Promise<{ key: string; size: number }> {
    const data = await collect(db, userId);
    const files: Record<string, Uint8Array> = {};
    const manifest: { path: string; sha256: string; bytes: number; description: string }[] = [];
    const add = (path: string, bytes: Uint8Array, description: string) => {
      files[path] = bytes;
      manifest.push({ path, sha256: sha256(bytes), bytes: bytes.byteLength, description });
    };
    add(
      'data.json',
      strToU8(JSON.stringify(data, null, 2)),
      'Compte, entreprise, dossiers, messages, rendez-vous, notifications',
    );
    for (const file of await documentFiles(db, userId)) {
      const bytes = new Uint8Array(await buffer(await storage.read(file.storage_key)));
      add(
        `documents/${file.dossier_id}/${file.id}-v${file.version}-${safeName(file.file_name)}`,
        bytes,
        `${file.file_name} (${file.mime_type}), version ${file.version}`,
      );
    }
    files['manifest.json'] = strToU8(
      JSON.stringify({ exportId, userId, createdAt: new Date().toISOString(), files: manifest }, null, 2),
    );
    const archive = zipSync(files, { level: 6 });
    const staged = await storage.stage(Readable.from(Buffer.from(archive)), MAX_ARCHIVE_BYTES);
    return { key: await storage.commit(staged), size: archive.byteLength };
  }

  return {
    /** One export at a time: a pending request is not queued twice. */
    async request(actor: Actor, meta: RequestMeta) {
      return db.transaction().execute(async (trx) => {
        const pending = await trx
          .selectFrom('data_exports')
          .select('id')
          .where('user_id', '=', actor.userId)
          .where('status', '=', 'pending')
          .executeTakeFirst();
        if (pending) throw conflict('CONFLICT', 'Une exportation est déjà en préparation.');
        const row = await trx
          .insertInto('data_exports')
          .values({ user_id: actor.userId })
          .returning(['id', 'requested_at'])
          .executeTakeFirstOrThrow();
        await recordAudit(trx, meta, {
          action: 'privacy.export_requested',
          entityType: 'data_export',
          entityId: row.id,
        });
        return row;
      });
    },

    async list(actor: Actor) {
      const rows = await db
        .selectFrom('data_exports')
        .select(['id', 'status', 'requested_at', 'ready_at', 'expires_at', 'size_bytes'])
        .where('user_id', '=', actor.userId)
        .orderBy('requested_at', 'desc')
        .limit(5)
        .execute();
      return rows.map((row) => ({
        id: row.id,
        status:
          row.status === 'ready' && row.expires_at && row.expires_at <= new Date()
            ? ('expired' as const)
            : row.status,
        requestedAt: row.requested_at.toISOString(),
        readyAt: row.ready_at?.toISOString() ?? null,
        expiresAt: row.expires_at?.toISOString() ?? null,
        sizeBytes: row.size_bytes === null ? null : Number(row.size_bytes),
      }));
    },

    /** The job (on the scheduler's connection): builds every pending archive, then e-mails its link. */
    async buildPending(db: Kysely<DB>): Promise<number> {
      const pending = await db
        .selectFrom('data_exports as x')
        .innerJoin('users as u', 'u.id', 'x.user_id')
        .select(['x.id', 'x.user_id', 'u.email', 'u.locale'])
        .where('x.status', '=', 'pending')
        .orderBy('x.requested_at')
        .limit(5)
        .execute();
      for (const job of pending) {
        try {
          const { key, size } = await build(db, job.id, job.user_id);
          const token = newOpaqueToken();
          await db.transaction().execute(async (trx) => {
            await trx
              .updateTable('data_exports')
              .set({
                status: 'ready',
                storage_key: key,
                size_bytes: size,
                token_hash: hashToken(token),
                ready_at: new Date(),
                expires_at: new Date(Date.now() + EXPORT_TTL_MS),
              })
              .where('id', '=', job.id)
              .execute();
            await deps.mailer.enqueue(
              trx,
              privacyMails.exportReady(
                job.email,
                job.locale,
                `${deps.publicUrl}/api/me/exports/download/${token}`,
              ),
            );
            await recordAudit(
              trx,
              { actorId: null, ip: null, userAgent: 'job' },
              {
                action: 'privacy.export_ready',
                entityType: 'data_export',
                entityId: job.id,
                details: { bytes: size },
              },
            );
          });
        } catch (error) {
          await db
            .updateTable('data_exports')
            .set({ status: 'failed', error: error instanceof Error ? error.message.slice(0, 500) : 'failed' })
            .where('id', '=', job.id)
            .execute();
        }
      }
      return pending.length;
    },

    /**
     * The archive, for its owner only, until it expires: reached by the e-mailed link's token or,
     * from the account page, by the export's id.
     */
    async open(actor: Actor, by: { token: string } | { id: string }, meta: RequestMeta) {
      const [column, value] =
        'token' in by ? (['token_hash', hashToken(by.token)] as const) : (['id', by.id] as const);
      const row = await db
        .selectFrom('data_exports')
        .select(['id', 'storage_key'])
        .where(column, '=', value)
        .where('user_id', '=', actor.userId)
        .where('status', '=', 'ready')
        .where('expires_at', '>', new Date())
        .executeTakeFirst();
      if (!row?.storage_key) throw notFound('Ce lien de téléchargement est invalide ou a expiré.');
      await recordAudit(db, meta, {
        action: 'privacy.export_downloaded',
        entityType: 'data_export',
        entityId: row.id,
        details: { via: 'token' in by ? 'link' : 'account' },
      });
      return storage.read(row.storage_key);
    },

    /** Retention (a job, on its connection): archives past their link's expiry are removed. */
    async removeExpired(db: Kysely<DB>): Promise<number> {
      const expired = await db
        .selectFrom('data_exports')
        .select(['id', 'storage_key'])
        .where('expires_at', '<=', new Date())
        .execute();
      for (const row of expired) {
        if (row.storage_key) await storage.remove(row.storage_key);
        await db.deleteFrom('data_exports').where('id', '=', row.id).execute();
      }
      return expired.length;
    },
  };
}

export type DataExports = ReturnType<typeof createDataExports>;
