import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../database';
import { AppError } from '../../platform/http/errors';
import { frenchDate, percent } from '../../platform/pdf/fonts';
import { readSeller } from '../invoices/identity';
import { dossierReference } from '../invoices/issue';
import { renderLetter } from './render';

/** Who the mandate lets the expert deal with, per product. */
const AUTHORITIES: Record<string, string> = {
  TICPE: 'la Direction générale des douanes et droits indirects (DGDDI)',
  URSSAF: 'l’URSSAF',
  DFS: 'l’URSSAF',
  PROPERTY_TAX: 'la Direction générale des finances publiques (DGFiP)',
  MSA: 'la Mutualité sociale agricole (MSA)',
  DEBT_RECOVERY: 'les débiteurs concernés et, le cas échéant, les juridictions compétentes',
  ELECTRICITY_SUPPLIER: 'les fournisseurs d’électricité et le gestionnaire de réseau',
  GAS_SUPPLIER: 'les fournisseurs de gaz et le gestionnaire de réseau',
  DIGITAL_TACHOGRAPH: 'les prestataires de chronotachygraphes et l’administration des transports',
  FLEET_SOFTWARE: 'les éditeurs de logiciels de gestion de flotte',
  CEE: 'les obligés et le Pôle national des certificats d’économies d’énergie',
};

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Replaces each {{name}} by its value; an unknown name stays visible so an admin sees the typo. */
export function fillTemplate(body: string, values: Record<string, string>) {
  return body.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}

/**
 * Generates the engagement letter and the mandate of a dossier from the latest template versions,
 * when its expert accepts it. Runs inside the accepting transaction, as the expert.
 */
export async function generateEngagementLetters(
  trx: Kysely<DB>,
  input: { dossierId: string; expertId: string },
) {
  const dossier = await trx
    .selectFrom('dossiers as d')
    .innerJoin('products as p', 'p.code', 'd.product_code')
    .innerJoin('client_profiles as c', 'c.user_id', 'd.client_id')
    .select(['d.id', 'd.product_code', 'd.track', 'p.name as product_name'])
    .select([
      'c.company_name',
      'c.siren',
      'c.first_name',
      'c.last_name',
      'c.billing_street',
      'c.billing_postcode',
      'c.billing_city',
      'c.address',
    ])
    .where('d.id', '=', input.dossierId)
    .executeTakeFirst();
  const expert = await trx
    .selectFrom('expert_profiles')
    .select([
      'firm_name',
      'siren',
      'first_name',
      'last_name',
      'client_fee_rate_bps',
      'client_fee_min_bps',
      'client_fee_max_bps',
    ])
    .where('user_id', '=', input.expertId)
    .executeTakeFirst();
  if (!dossier || !expert) throw new AppError('NOT_FOUND', 404, 'Dossier introuvable.');
  const seller = await readSeller(trx);
  const templates = await trx
    .selectFrom('engagement_templates')
    .selectAll()
    .distinctOn('kind')
    .orderBy('kind')
    .orderBy('version', 'desc')
    .execute();
  const now = new Date();
  const year = Number(frenchDate(now).slice(-4));
  const clientAddress = dossier.billing_street
    ? `${dossier.billing_street}, ${dossier.billing_postcode ?? ''} ${dossier.billing_city ?? ''}`.trim()
    : (dossier.address ?? 'adresse à compléter');
  const values: Record<string, string> = {
    clientCompany: dossier.company_name,
    clientSiren: dossier.siren,
    clientAddress,
    clientRepresentative: `${dossier.first_name} ${dossier.last_name}`,
    expertFirm: expert.firm_name,
    expertSiren: expert.siren,
    expertName: `${expert.first_name} ${expert.last_name}`,
    productName: dossier.product_name,
    authority: AUTHORITIES[dossier.product_code] ?? 'l’administration ou l’organisme concerné',
    feeRate: dossier.track === 'short' ? 'le montant du devis accepté' : percent(expert.client_fee_rate_bps),
    feeRange: `${percent(expert.client_fee_min_bps)} – ${percent(expert.client_fee_max_bps)}`,
    platformName: seller.legalName,
    platformSiren: seller.siren,
    dossierReference: dossierReference(dossier.id),
    period: `du 1er janvier ${year - 3} au 31 décembre ${year} (années non prescrites)`,
    date: frenchDate(now),
  };
  for (const template of templates) {
    const body = fillTemplate(template.body, values);
    const pdf = await renderLetter({
      title: template.title,
      body,
      reference: `Dossier ${values.dossierReference} — version ${template.version} du modèle`,
      createdAt: now,
      author: seller.legalName,
    });
    await trx
      .insertInto('engagement_documents')
      .values({
        dossier_id: dossier.id,
        expert_id: input.expertId,
        kind: template.kind,
        template_id: template.id,
        template_version: template.version,
        title: template.title,
        body,
        pdf,
        sha256: sha256(pdf),
        signed_at: null,
        signer_user_id: null,
        signer_name: null,
        signer_capacity: null,
        consent_text: null,
        signer_ip: null,
        signer_user_agent: null,
        signed_pdf: null,
        signed_sha256: null,
        revoked_at: null,
        revoked_by: null,
        revocation_reason: null,
      })
      .onConflict((oc) => oc.columns(['dossier_id', 'expert_id', 'kind']).doNothing())
      .execute();
  }
}

/** Whether the assigned expert's engagement letter and mandate are both signed and in force. */
export async function engagementSigned(trx: Kysely<DB>, dossierId: string, expertId: string | null) {
  if (!expertId) return false;
  const rows = await trx
    .selectFrom('engagement_documents')
    .select('kind')
    .where('dossier_id', '=', dossierId)
    .where('expert_id', '=', expertId)
    .where('status', '=', 'signed')
    .execute();
  return rows.some((row) => row.kind === 'mission') && rows.some((row) => row.kind === 'mandate');
}

/**
 * The gate before work starts (start-audit on the full track, accept-quote on the short one):
 * the client's legal representative must have signed the letter and the mandate.
 */
export async function assertEngagementSigned(
  trx: Kysely<DB>,
  dossier: { id: string; expert_id: string | null },
) {
  if (!(await engagementSigned(trx, dossier.id, dossier.expert_id))) {
    throw new AppError(
      'ENGAGEMENT_NOT_SIGNED',
      409,
      'La lettre de mission et le mandat doivent d’abord être signés par le représentant légal du client.',
    );
  }
}
