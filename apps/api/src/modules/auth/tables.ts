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
  deletion_requested_at: Date | null;
  deletion_due_at: Date | null;
  erased_at: Date | null;
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
  meeting_link: Generated<string | null>;
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
  second_factor_at: Date | null;
  second_factor_method: SecondFactorMethod | null;
  webauthn_challenge: string | null;
}

export type SecondFactorMethod = 'totp' | 'recovery_code' | 'passkey' | 'trusted_device' | 'enrolment';

export interface UserTotpTable {
  user_id: string;
  secret: string;
  confirmed_at: Date | null;
  last_step: number | null;
  created_at: CreatedAt;
}

export interface RecoveryCodesTable {
  id: Generated<string>;
  user_id: string;
  code_hash: string;
  used_at: Date | null;
  created_at: CreatedAt;
}

export interface TrustedDevicesTable {
  id: Generated<string>;
  user_id: string;
  token_hash: string;
  user_agent: string | null;
  created_at: CreatedAt;
  expires_at: Date;
}

export interface PasskeysTable {
  id: Generated<string>;
  user_id: string;
  credential_id: string;
  public_key: Uint8Array;
  // bigint: the driver may hand back a string.
  counter: ColumnType<string | number, number | undefined, number>;
  transports: Generated<string[]>;
  name: string;
  created_at: CreatedAt;
  last_used_at: Date | null;
}

export interface SecuritySettingsTable {
  id: Generated<boolean>;
  require_second_factor_for_all: boolean;
  updated_at: UpdatedAt;
  updated_by: string | null;
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
  /** The address the failures came from; '' when it was unknown. */
  ip: string;
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
  user_totp: UserTotpTable;
  recovery_codes: RecoveryCodesTable;
  trusted_devices: TrustedDevicesTable;
  passkeys: PasskeysTable;
  security_settings: SecuritySettingsTable;
}
