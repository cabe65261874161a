import { LEGAL_VERSIONS, type LegalDocument } from '@ft/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../database';
import { type RequestMeta, recordAudit } from '../../platform/audit/audit';

const DOCUMENTS = Object.keys(LEGAL_VERSIONS) as LegalDocument[];

/** Records the user's acceptance of the versions in force, dated, with where it came from. */
export async function recordConsents(
  db: Kysely<DB>,
  userId: string,
  meta: RequestMeta,
  documents: readonly LegalDocument[] = DOCUMENTS,
) {
  if (documents.length === 0) return;
  await db
    .insertInto('consents')
    .values(
      documents.map((document) => ({
        user_id: userId,
        document,
        version: LEGAL_VERSIONS[document],
        ip: meta.ip,
        user_agent: meta.userAgent,
      })),
    )
    .execute();
  await recordAudit(
    db,
    { ...meta, actorId: userId },
    {
      action: 'privacy.consent_given',
      entityType: 'user',
      entityId: userId,
      details: Object.fromEntries(documents.map((document) => [document, LEGAL_VERSIONS[document]])),
    },
  );
}

/** The texts whose version in force this user has not accepted. */
export async function pendingConsents(db: Kysely<DB>, userId: string): Promise<LegalDocument[]> {
  const accepted = await db
    .selectFrom('consents')
    .select(['document', 'version'])
    .where('user_id', '=', userId)
    .execute();
  return DOCUMENTS.filter(
    (document) =>
      !accepted.some((row) => row.document === document && row.version === LEGAL_VERSIONS[document]),
  );
}
