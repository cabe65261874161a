import { createHash } from 'node:crypto';
import { ENGAGEMENT_CONSENT_TEXT, type EngagementDocument, type EngagementKind } from '@ft/contracts';
import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../database';
import { type RequestMeta, recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import type { ChangePipeline } from '../../platform/changes/pipeline';
import { withScope } from '../../platform/db/scoped';
import { AppError, forbidden, notFound } from '../../platform/http/errors';
import { type SealCertificate, sealPdf, verifySealedPdf } from '../../platform/signing/seal';
import { dossierRepository } from '../dossiers/repository';
import { dossierReference } from '../invoices/issue';
import { renderSignedLetter } from './render';
import type { EngagementDocumentsTable } from './tables';

const scope = (actor: Actor) => ({ userId: actor.userId, role: actor.role });
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
type Row = Selectable<EngagementDocumentsTable>;

function toDocument(row: Row): EngagementDocument {
  return {
    id: row.id,
    dossierId: row.dossier_id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    templateVersion: row.template_version,
    sha256: row.sha256,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    signedAt: row.signed_at?.toISOString() ?? null,
    signerName: row.signer_name,
    signerCapacity: row.signer_capacity,
    signedSha256: row.signed_sha256,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    revocationReason: row.revocation_reason,
  };
}

export function createEngagementsService({
  db,
  seal,
  changes,
}: {
  db: Kysely<DB>;
  seal: () => SealCertificate;
  /** Signatures and revocations are dossier changes: timeline, audit, the expert told, live views. */
  changes: ChangePipeline;
}) {
  const find = (trx: Kysely<DB>, id: string) =>
    trx.selectFrom('engagement_documents').selectAll().where('id', '=', id).executeTakeFirst();

  return {
    /** The letter and mandate of a dossier's current expert, for its client, that expert and admins. */
    list(actor: Actor, dossierId: string) {
      return withScope(db, scope(actor), async (trx) => {
        const dossier = await trx
          .selectFrom('dossiers')
          .select(['id', 'expert_id'])
          .where('id', '=', dossierId)
          .executeTakeFirst();
        if (!dossier) throw notFound('Dossier introuvable.');
        const rows = dossier.expert_id
          ? await trx
              .selectFrom('engagement_documents')
              .selectAll()
              .where('dossier_id', '=', dossierId)
              .where('expert_id', '=', dossier.expert_id)
              .orderBy('kind', 'desc')
              .execute()
          : [];
        return { documents: rows.map(toDocument) };
      });
    },

    /** The signed and sealed PDF once signed, otherwise the exact document to read. */
    pdf(actor: Actor, id: string) {
      return withScope(db, scope(actor), async (trx) => {
        const row = await find(trx, id);
        if (!row) throw notFound('Document introuvable.');
        const signed = row.signed_pdf !== null;
        return {
          pdf: signed && row.signed_pdf ? row.signed_pdf : row.pdf,
          name: `${row.kind === 'mission' ? 'lettre-de-mission' : 'mandat'}-${dossierReference(row.dossier_id)}${signed ? '-signe' : ''}.pdf`,
        };
      });
    },

    verify(actor: Actor, id: string) {
      return withScope(db, scope(actor), async (trx) => {
        const row = await find(trx, id);
        if (!row) throw notFound('Document introuvable.');
        if (!row.signed_pdf)
          return { valid: false, signer: null, reason: 'Ce document n’est pas encore signé.' };
        // bytea may come back as a Uint8Array (PGlite): the checker reads a Buffer.
        return verifySealedPdf(Buffer.from(row.signed_pdf));
      });
    },

    /**
     * Simple electronic signature by the client's legal representative: the signer's identity, the
     * consent given, time, IP and user agent and the SHA-256 of the exact document read are kept,
     * printed on a certificate page, and the whole is sealed with the platform's certificate.
     */
    async sign(
      actor: Actor,
      id: string,
      input: { documentSha256: string; signerName: string; signerCapacity: string; consent: true },
      meta: RequestMeta,
    ) {
      if (actor.role !== 'client')
        throw forbidden('Seul le représentant légal du client signe ces documents.');
      const document = await withScope(db, scope(actor), async (trx) => {
        const row = await trx
          .selectFrom('engagement_documents')
          .selectAll()
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst();
        if (!row) throw notFound('Document introuvable.');
        const party = await trx
          .selectFrom('dossiers as d')
          .innerJoin('client_profiles as c', 'c.user_id', 'd.client_id')
          .innerJoin('users as u', 'u.id', 'd.client_id')
          .select(['d.client_id', 'c.company_name', 'c.siren', 'u.email'])
          .where('d.id', '=', row.dossier_id)
          .executeTakeFirstOrThrow();
        if (party.client_id !== actor.userId)
          throw forbidden('Seul le client du dossier signe ces documents.');
        if (row.status !== 'pending')
          throw new AppError('ENGAGEMENT_STATE', 409, 'Ce document est déjà signé ou révoqué.');
        if (input.documentSha256 !== row.sha256) {
          throw new AppError(
            'DOCUMENT_CHANGED',
            409,
            'Le document a changé depuis votre lecture : relisez-le avant de signer.',
          );
        }
        const signedAt = new Date();
        const seller = await trx
          .selectFrom('platform_identity')
          .select('legal_name')
          .executeTakeFirstOrThrow();
        const letter = await renderSignedLetter(
          {
            title: row.title,
            body: row.body,
            reference: `Dossier ${dossierReference(row.dossier_id)} — version ${row.template_version} du modèle`,
            createdAt: row.created_at,
            author: seller.legal_name,
          },
          {
            signerName: input.signerName,
            signerCapacity: input.signerCapacity,
            signerEmail: party.email,
            company: `${party.company_name} (SIREN ${party.siren})`,
            consentText: ENGAGEMENT_CONSENT_TEXT,
            signedAt,
            ip: meta.ip,
            userAgent: meta.userAgent,
            documentSha256: row.sha256,
            documentId: row.id,
            platformName: seller.legal_name,
          },
        );
        const sealed = await sealPdf(letter, seal(), {
          reason: `Signature de ${input.signerName} (${input.signerCapacity}) — ${row.title}`,
          name: seller.legal_name,
          location: 'France',
          contactInfo: party.email,
        });
        const updated = await trx
          .updateTable('engagement_documents')
          .set({
            status: 'signed',
            signed_at: signedAt,
            signer_user_id: actor.userId,
            signer_name: input.signerName,
            signer_capacity: input.signerCapacity,
            consent_text: ENGAGEMENT_CONSENT_TEXT,
            signer_ip: meta.ip,
            signer_user_agent: meta.userAgent,
            signed_pdf: sealed,
            signed_sha256: sha256(sealed),
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await changes.record(trx, meta, {
          entityType: 'dossier',
          entityId: row.dossier_id,
          action: `sign-${row.kind}`,
          from: null,
          to: null,
          details: { engagementDocumentId: id, sha256: row.sha256, signedSha256: updated.signed_sha256 },
          partiesBefore: await dossierRepository.parties(trx, row.dossier_id),
        });
        return updated;
      });
      return toDocument(document);
    },

    /** The client (or an admin) revokes a signed mandate; recorded, and the expert may no longer act. */
    async revoke(actor: Actor, id: string, input: { reason: string }, meta: RequestMeta) {
      if (actor.role === 'expert') throw forbidden('Seul le client ou un administrateur révoque un mandat.');
      const document = await withScope(db, scope(actor), async (trx) => {
        const row = await trx
          .selectFrom('engagement_documents')
          .selectAll()
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst();
        if (!row) throw notFound('Document introuvable.');
        if (row.kind !== 'mandate' || row.status !== 'signed') {
          throw new AppError('ENGAGEMENT_STATE', 409, 'Seul un mandat signé peut être révoqué.');
        }
        const updated = await trx
          .updateTable('engagement_documents')
          .set({
            status: 'revoked',
            revoked_at: new Date(),
            revoked_by: actor.userId,
            revocation_reason: input.reason,
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await changes.record(trx, meta, {
          entityType: 'dossier',
          entityId: row.dossier_id,
          action: 'revoke-mandate',
          from: null,
          to: null,
          details: { engagementDocumentId: id, reason: input.reason },
          partiesBefore: await dossierRepository.parties(trx, row.dossier_id),
        });
        return updated;
      });
      return toDocument(document);
    },

    templates(actor: Actor) {
      return withScope(db, scope(actor), async (trx) => {
        const rows = await trx
          .selectFrom('engagement_templates')
          .selectAll()
          .orderBy('kind')
          .orderBy('version', 'desc')
          .execute();
        return {
          templates: rows.map((row) => ({
            id: row.id,
            kind: row.kind,
            version: row.version,
            title: row.title,
            body: row.body,
            createdAt: row.created_at.toISOString(),
          })),
        };
      });
    },

    /** Admins publish a new version; letters already generated keep the version they were made from. */
    async publishTemplate(
      actor: Actor,
      input: { kind: EngagementKind; title: string; body: string },
      meta: RequestMeta,
    ) {
      if (actor.role !== 'admin') throw forbidden();
      await withScope(db, scope(actor), async (trx) => {
        const last = await trx
          .selectFrom('engagement_templates')
          .select((eb) => eb.fn.max('version').as('version'))
          .where('kind', '=', input.kind)
          .executeTakeFirst();
        const version = Number(last?.version ?? 0) + 1;
        await trx
          .insertInto('engagement_templates')
          .values({ ...input, version, created_by: actor.userId })
          .execute();
        await recordAudit(trx, meta, {
          action: 'engagement.template-published',
          entityType: 'engagement_template',
          details: { kind: input.kind, version },
        });
      });
      return this.templates(actor);
    },
  };
}
export type EngagementsService = ReturnType<typeof createEngagementsService>;
