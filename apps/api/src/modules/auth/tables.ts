import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;

export interface UsersTable {
  id: Generated<string>;
  email: string;
  password_hash: string;
  role: 'client' | 'expert' | 'admin';
  status: 'active' | 'suspended';
  email_verified_at: Date | null;
  time_zone: Generated<string>;
  locale: Generated<'fr' | 'en'>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  last_login_at: Date | null;
}

export interface ClientProfilesTable {
  user_id: string;
  company_name: string;
  siren: string;
  first_name: string;
  last_name: string;
  phone: string;
  address: string | null;
  sector: string | null;
  billing_street: string | null;
  billing_postcode: string | null;
  billing_city: string | null;
  billing_country: ColumnType<string, string | undefined, string>;
  vat_number: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ExpertProfilesTable {
  user_id: string;
  firm_name: string;
  siren: string;
  first_name: string;
  last_name: string;
  phone: string | null;
  product_codes: string[];
  years_of_experience: number;
  languages: Generated<string[]>;
  bio: string;
  approval_status: Generated<'pending' | 'approved' | 'rejected' | 'suspended'>;
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  client_fee_rate_bps: Generated<number>;
  platform_fee_rate_bps: Generated<number>;
  client_fee_min_bps: Generated<number>;
  client_fee_max_bps: Generated<number>;
}

export interface SessionsTable {
  id: Generated<string>;
  user_id: string;
  token_hash: string;
  created_at: CreatedAt;
  last_seen_at: Generated<Date>;
  expires_at: Date;
  revoked_at: Date | null;
  ip: string | null;
  user_agent: string | null;
}

export interface EmailTokensTable {
  id: Generated<string>;
  user_id: string;
  purpose: 'verify_email' | 'reset_password';
  token_hash: string;
  expires_at: Date;
  used_at: Date | null;
  created_at: CreatedAt;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  email: string;
  ip: string | null;
  succeeded: boolean;
  created_at: CreatedAt;
}

export interface AccountLocksTable {
  email: string;
  locked_until: Date;
  created_at: CreatedAt;
}

export interface AuthTables {
  users: UsersTable;
  client_profiles: ClientProfilesTable;
  expert_profiles: ExpertProfilesTable;
  sessions: SessionsTable;
  email_tokens: EmailTokensTable;
  login_attempts: LoginAttemptsTable;
  account_locks: AccountLocksTable;
}
