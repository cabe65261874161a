import type { Kysely } from 'kysely';
import type { PlatformIdentity } from '../../config';
import type { DB } from '../../database';
import { type SellerSnapshot, splitAddress } from './document';

/**
 * Writes the configured legal identity of the platform to the database at start-up, so that an
 * invoice or letter produced inside any transaction snapshots the identity then in force.
 */
export async function syncPlatformIdentity(db: Kysely<DB>, platform: PlatformIdentity) {
  const { street, postcode, city } = splitAddress(platform.address);
  const row = {
    legal_name: platform.legalName,
    legal_form: platform.legalForm,
    siren: platform.siren,
    vat_number: platform.vatNumber,
    rcs: platform.rcs,
    street,
    postcode,
    city,
    country: 'FR',
    iban: platform.iban,
    bic: platform.bic,
    vat_on_debits: platform.vatOnDebits,
    updated_at: new Date(),
  };
  await db
    .insertInto('platform_identity')
    .values({ id: true, ...row })
    .onConflict((oc) => oc.column('id').doUpdateSet(row))
    .execute();
}

export async function readSeller(trx: Kysely<DB>): Promise<SellerSnapshot> {
  const row = await trx.selectFrom('platform_identity').selectAll().executeTakeFirstOrThrow();
  return {
    legalName: row.legal_name,
    legalForm: row.legal_form,
    siren: row.siren,
    vatNumber: row.vat_number,
    rcs: row.rcs,
    street: row.street,
    postcode: row.postcode,
    city: row.city,
    country: row.country,
    iban: row.iban,
    bic: row.bic,
    vatOnDebits: row.vat_on_debits,
  };
}
