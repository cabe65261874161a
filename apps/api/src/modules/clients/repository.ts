import type { ClientProfile } from '@ft/contracts';
import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../database';
import { containsPattern, type Keyset } from '../../platform/db/pagination';
import type { ClientProfilesTable } from '../auth/tables';

export type NewClientProfile = Pick<
  ClientProfile,
  'companyName' | 'siren' | 'firstName' | 'lastName' | 'phone'
> & {
  userId: string;
};

export function toClientProfile(row: Selectable<ClientProfilesTable>): ClientProfile {
  return {
    kind: 'client',
    companyName: row.company_name,
    siren: row.siren,
    firstName: row.first_name,
    lastName: row.last_name,
    phone: row.phone,
    address: row.address,
    sector: row.sector,
    billingStreet: row.billing_street,
    billingPostcode: row.billing_postcode,
    billingCity: row.billing_city,
    billingCountry: row.billing_country,
    vatNumber: row.vat_number,
  };
}

export const clientsRepository = {
  async insert(db: Kysely<DB>, profile: NewClientProfile) {
    await db
      .insertInto('client_profiles')
      .values({
        user_id: profile.userId,
        company_name: profile.companyName,
        siren: profile.siren,
        first_name: profile.firstName,
        last_name: profile.lastName,
        phone: profile.phone,
      })
      .execute();
  },

  findByUserId(db: Kysely<DB>, userId: string) {
    return db.selectFrom('client_profiles').selectAll().where('user_id', '=', userId).executeTakeFirst();
  },

  sirenTaken(db: Kysely<DB>, siren: string) {
    return db
      .selectFrom('client_profiles')
      .select('user_id')
      .where('siren', '=', siren)
      .executeTakeFirst()
      .then(Boolean);
  },

  async update(db: Kysely<DB>, userId: string, changes: Partial<Omit<ClientProfile, 'kind' | 'siren'>>) {
    return db
      .updateTable('client_profiles')
      .set({
        ...(changes.companyName !== undefined ? { company_name: changes.companyName } : {}),
        ...(changes.firstName !== undefined ? { first_name: changes.firstName } : {}),
        ...(changes.lastName !== undefined ? { last_name: changes.lastName } : {}),
        ...(changes.phone !== undefined ? { phone: changes.phone } : {}),
        ...(changes.address !== undefined ? { address: changes.address } : {}),
        ...(changes.sector !== undefined ? { sector: changes.sector } : {}),
        ...(changes.billingStreet !== undefined ? { billing_street: changes.billingStreet } : {}),
        ...(changes.billingPostcode !== undefined ? { billing_postcode: changes.billingPostcode } : {}),
        ...(changes.billingCity !== undefined ? { billing_city: changes.billingCity } : {}),
        ...(changes.vatNumber !== undefined ? { vat_number: changes.vatNumber } : {}),
        updated_at: new Date(),
      })
      .where('user_id', '=', userId)
      .returningAll()
      .executeTakeFirst();
  },

  /** Admin search by company, SIREN, contact or e-mail; keyset pagination on (created_at, id). */
  list(db: Kysely<DB>, options: { q: string | undefined; after: Keyset | undefined; limit: number }) {
    let query = db
      .selectFrom('client_profiles as c')
      .innerJoin('users as u', 'u.id', 'c.user_id')
      .select([
        'u.id',
        'u.email',
        'u.status',
        'u.created_at',
        'u.last_login_at',
        'c.company_name',
        'c.siren',
        'c.first_name',
        'c.last_name',
        'c.phone',
        'c.address',
        'c.sector',
        'c.billing_street',
        'c.billing_postcode',
        'c.billing_city',
        'c.billing_country',
        'c.vat_number',
      ]);
    if (options.q) {
      const like = containsPattern(options.q);
      query = query.where((eb) =>
        eb.or([
          eb(eb.fn('lower', ['c.company_name']), 'like', like),
          eb('c.siren', 'like', like),
          eb(eb.fn('lower', ['u.email']), 'like', like),
          eb(eb.fn('lower', ['c.last_name']), 'like', like),
        ]),
      );
    }
    if (options.after) {
      const after = options.after;
      query = query.where((eb) =>
        eb.or([
          eb('u.created_at', '<', after.createdAt),
          eb.and([eb('u.created_at', '=', after.createdAt), eb('u.id', '<', after.id)]),
        ]),
      );
    }
    return query
      .orderBy('u.created_at', 'desc')
      .orderBy('u.id', 'desc')
      .limit(options.limit + 1)
      .execute();
  },
};
