-- Second factor: TOTP secrets, single-use recovery codes, trusted devices, passkeys, and which
-- sessions have passed the second step. Every table here is identity data handled by the owner
-- (like sessions' lookup); the application role may only read its own passkeys' names.

alter table sessions add column second_factor_at timestamptz;
alter table sessions add column second_factor_method text
  check (second_factor_method in ('totp', 'recovery_code', 'passkey', 'trusted_device', 'enrolment'));
-- The WebAuthn challenge of a ceremony in progress on this session (registration or sign-in).
alter table sessions add column webauthn_challenge text;

create table user_totp (
  user_id uuid primary key references users (id) on delete cascade,
  secret text not null,
  confirmed_at timestamptz,
  -- The last accepted time step: a code is accepted once (RFC 6238 §5.2).
  last_step integer,
  created_at timestamptz not null default now()
);

-- Ten random codes per enrolment, stored as SHA-256 hashes (they carry 50 bits of randomness).
create table recovery_codes (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  code_hash text not null unique,
  used_at timestamptz,
  created_at timestamptz not null default now()
);
create index recovery_codes_user_idx on recovery_codes (user_id) where used_at is null;

create table trusted_devices (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  token_hash text not null unique,
  user_agent text,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index trusted_devices_user_idx on trusted_devices (user_id, expires_at);

create table passkeys (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  credential_id text not null unique,
  public_key bytea not null,
  counter bigint not null default 0,
  transports text[] not null default '{}',
  name text not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz
);
create index passkeys_user_idx on passkeys (user_id);

-- One row: platform-wide security choices an admin makes.
create table security_settings (
  id boolean primary key default true check (id),
  require_second_factor_for_all boolean not null default false,
  updated_at timestamptz not null default now(),
  updated_by uuid references users (id) on delete set null
);
insert into security_settings default values;

alter table user_totp enable row level security;
alter table recovery_codes enable row level security;
alter table trusted_devices enable row level security;
alter table passkeys enable row level security;
alter table security_settings enable row level security;

create policy passkeys_own on passkeys for select using (user_id = app_current_user_id());
create policy security_settings_read on security_settings for select using (true);
create policy security_settings_admin on security_settings for update
  using (app_current_role() = 'admin') with check (app_current_role() = 'admin');
grant select (id, user_id, name, created_at, last_used_at) on passkeys to app_user;
grant select on security_settings to app_user;
grant update (require_second_factor_for_all, updated_at, updated_by) on security_settings to app_user;
