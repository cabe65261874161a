import type { ExpertApprovalStatus, ExpertProfile } from '@ft/contracts';
import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../database';
import { containsPattern, type Keyset } from '../../platform/db/pagination';
import type { ExpertProfilesTable } from '../auth/tables';

export type NewExpertProfile = {
  userId: string;
  firmName: string;
  siren: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  productCodes: string[];
  yearsOfExperience: number;
  languages: string[];
  bio: string;
};

export function toExpertProfile(row: Selectable<ExpertProfilesTable>): ExpertProfile {
  return {
    kind: 'expert',
    firmName: row.firm_name,
    siren: row.siren,
    firstName: row.first_name,
    lastName: row.last_name,
    phone: row.phone,
    meetingLink: row.meeting_link,
    productCodes: row.product_codes,
    yearsOfExperience: row.years_of_experience,
    languages: row.languages,
    bio: row.bio,
    approvalStatus: row.approval_status,
    decisionReason: row.decision_reason,
    decidedAt: row.decided_at ? row.decided_at.toISOString() : null,
  };
}

type ProfileChanges = Partial<Omit<NewExpertProfile, 'userId' | 'siren'> & { meetingLink: string | null }>;

export const expertsRepository = {
  async insert(db: Kysely<DB>, profile: NewExpertProfile) {
    await db
      .insertInto('expert_profiles')
      .values({
        user_id: profile.userId,
        firm_name: profile.firmName,
        siren: profile.siren,
        first_name: profile.firstName,
        last_name: profile.lastName,
        phone: profile.phone,
        product_codes: profile.productCodes,
        years_of_experience: profile.yearsOfExperience,
        languages: profile.languages,
        bio: profile.bio,
      })
      .execute();
  },

  findByUserId(db: Kysely<DB>, userId: string) {
    return db.selectFrom('expert_profiles').selectAll().where('user_id', '=', userId).executeTakeFirst();
  },

  sirenTaken(db: Kysely<DB>, siren: string) {
    return db
      .selectFrom('expert_profiles')
      .select('user_id')
      .where('siren', '=', siren)
      .executeTakeFirst()
      .then(Boolean);
  },

  update(db: Kysely<DB>, userId: string, changes: ProfileChanges) {
    return db
      .updateTable('expert_profiles')
      .set({
        ...(changes.firmName !== undefined ? { firm_name: changes.firmName } : {}),
        ...(changes.firstName !== undefined ? { first_name: changes.firstName } : {}),
        ...(changes.lastName !== undefined ? { last_name: changes.lastName } : {}),
        ...(changes.phone !== undefined ? { phone: changes.phone } : {}),
        ...(changes.meetingLink !== undefined ? { meeting_link: changes.meetingLink } : {}),
        ...(changes.productCodes !== undefined ? { product_codes: changes.productCodes } : {}),
        ...(changes.yearsOfExperience !== undefined
          ? { years_of_experience: changes.yearsOfExperience }
          : {}),
        ...(changes.languages !== undefined ? { languages: changes.languages } : {}),
        ...(changes.bio !== undefined ? { bio: changes.bio } : {}),
        updated_at: new Date(),
      })
      .where('user_id', '=', userId)
      .returningAll()
      .executeTakeFirst();
  },

  decide(
    db: Kysely<DB>,
    userId: string,
    decision: { status: ExpertApprovalStatus; reason: string | null; by: string },
  ) {
    return db
      .updateTable('expert_profiles')
      .set({
        approval_status: decision.status,
        decision_reason: decision.reason,
        decided_by: decision.by,
        decided_at: new Date(),
        updated_at: new Date(),
      })
      .where('user_id', '=', userId)
      .returningAll()
      .executeTakeFirst();
  },

  list(
    db: Kysely<DB>,
    options: {
      status: ExpertApprovalStatus | undefined;
      q: string | undefined;
      after: Keyset | undefined;
      limit: number;
    },
  ) {
    let query = db
      .selectFrom('expert_profiles as e')
      .innerJoin('users as u', 'u.id', 'e.user_id')
      .selectAll('e')
      .select(['u.email', 'u.created_at as user_created_at']);
    if (options.status) query = query.where('e.approval_status', '=', options.status);
    if (options.q) {
      const like = containsPattern(options.q);
      query = query.where((eb) =>
        eb.or([
          eb(eb.fn('lower', ['e.firm_name']), 'like', like),
          eb('e.siren', 'like', like),
          eb(eb.fn('lower', ['u.email']), 'like', like),
          eb(eb.fn('lower', ['e.last_name']), 'like', like),
        ]),
      );
    }
    if (options.after) {
      const after = options.after;
      query = query.where((eb) =>
        eb.or([
          eb('e.created_at', '<', after.createdAt),
          eb.and([eb('e.created_at', '=', after.createdAt), eb('e.user_id', '<', after.id)]),
        ]),
      );
    }
    return query
      .orderBy('e.created_at', 'desc')
      .orderBy('e.user_id', 'desc')
      .limit(options.limit + 1)
      .execute();
  },
};
