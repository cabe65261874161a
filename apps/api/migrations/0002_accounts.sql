-- Accounts: users and their role profiles, sessions, e-mail tokens, login attempts, the mail
-- outbox and the audit log, each protected by row-level security for the application role.

create table users (
  id uuid primary key default gen_random_uuid(),
  email text not null,
  password_hash text not null,
  role text not null check (role in ('client', 'expert', 'admin')),
  status text not null default 'active' check (status in ('active', 'suspended')),
  email_verified_at timestamptz,
  time_zone text not null default 'Europe/Paris',
  locale text not null default 'fr' check (locale in ('fr', 'en')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  last_login_at timestamptz
);
create unique index users_email_lower_key on users (lower(email));

create table client_profiles (
  user_id uuid primary key references users (id) on delete cascade,
  company_name text not null,
  siren char(9) not null,
  first_name text not null,
  last_name text not null,
  phone text not null,
  address text,
  sector text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index client_profiles_siren_key on client_profiles (siren);
create index client_profiles_company_lower_idx on client_profiles (lower(company_name));

create table expert_profiles (
  user_id uuid primary key references users (id) on delete cascade,
  firm_name text not null,
  siren char(9) not null,
  first_name text not null,
  last_name text not null,
  phone text,
  product_codes text[] not null default '{}',
  years_of_experience integer not null check (years_of_experience >= 0),
  languages text[] not null default '{fr}',
  bio text not null default '',
  approval_status text not null default 'pending'
    check (approval_status in ('pending', 'approved', 'rejected', 'suspended')),
  decision_reason text,
  decided_by uuid references users (id),
  decided_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index expert_profiles_siren_key on expert_profiles (siren);
create index expert_profiles_status_idx on expert_profiles (approval_status, created_at);

-- Opaque session tokens are stored only as SHA-256 hashes: a database leak yields no usable token.
create table sessions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  ip text,
  user_agent text
);
create index sessions_user_idx on sessions (user_id) where revoked_at is null;

create table email_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  purpose text not null check (purpose in ('verify_email', 'reset_password')),
  token_hash text not null unique,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);
create index email_tokens_user_idx on email_tokens (user_id, purpose);

create table login_attempts (
  id bigint generated always as identity primary key,
  email text not null,
  ip text,
  succeeded boolean not null,
  created_at timestamptz not null default now()
);
create index login_attempts_email_idx on login_attempts (email, created_at desc);
create index login_attempts_ip_idx on login_attempts (ip, created_at desc);

create table account_locks (
  email text primary key,
  locked_until timestamptz not null,
  created_at timestamptz not null default now()
);

create table outbox (
  id bigint generated always as identity primary key,
  to_email text not null,
  subject text not null,
  body_text text not null,
  status text not null default 'stored' check (status in ('stored', 'sent', 'failed')),
  error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index outbox_created_idx on outbox (created_at desc);

create table audit_events (
  id bigint generated always as identity primary key,
  actor_id uuid references users (id) on delete set null,
  action text not null,
  entity_type text,
  entity_id text,
  ip text,
  user_agent text,
  details jsonb not null default '{}',
  created_at timestamptz not null default now()
);
create index audit_events_created_idx on audit_events (created_at desc, id desc);
create index audit_events_action_idx on audit_events (action, created_at desc);
create index audit_events_entity_idx on audit_events (entity_type, entity_id);
create index audit_events_actor_idx on audit_events (actor_id, created_at desc);

-- Row-level security. Identity bootstrap (sign-up, login, session lookup, e-mail tokens) is
-- system work done by the owner; every other request runs as app_user under these policies.
-- Experts' access to their clients arrives with dossier assignments.
alter table users enable row level security;
alter table client_profiles enable row level security;
alter table expert_profiles enable row level security;
alter table sessions enable row level security;
alter table email_tokens enable row level security;
alter table login_attempts enable row level security;
alter table account_locks enable row level security;
alter table outbox enable row level security;
alter table audit_events enable row level security;

create policy users_self_or_admin on users
  using (id = app_current_user_id() or app_current_role() = 'admin');
create policy client_profiles_self_or_admin on client_profiles
  using (user_id = app_current_user_id() or app_current_role() = 'admin');
create policy expert_profiles_self_or_admin on expert_profiles
  using (user_id = app_current_user_id() or app_current_role() = 'admin');
create policy sessions_own on sessions
  using (user_id = app_current_user_id() or app_current_role() = 'admin');
create policy outbox_read_admin on outbox for select
  using (app_current_role() = 'admin');
-- Any action may send mail (an expert decision, a password change): writing is open, reading is not.
create policy outbox_write on outbox for insert
  with check (true);
create policy account_locks_admin on account_locks
  using (app_current_role() = 'admin');
create policy login_attempts_admin on login_attempts
  using (app_current_role() = 'admin');
create policy audit_events_read_admin on audit_events for select
  using (app_current_role() = 'admin');
-- Anyone acting may record what they did, only in their own name.
create policy audit_events_write_own on audit_events for insert
  with check (actor_id is not distinct from app_current_user_id());

-- Column grants keep identity fields (e-mail, role, password, SIREN) out of reach of the
-- application role; triggers keep approval and suspension decisions to admins.
grant select on users, client_profiles, expert_profiles, sessions to app_user;
grant update (status, time_zone, locale, updated_at) on users to app_user;
grant update (company_name, first_name, last_name, phone, address, sector, updated_at)
  on client_profiles to app_user;
grant update (firm_name, first_name, last_name, phone, product_codes, years_of_experience, languages, bio,
  approval_status, decision_reason, decided_by, decided_at, updated_at) on expert_profiles to app_user;
grant update (revoked_at) on sessions to app_user;
grant select on outbox, account_locks, login_attempts to app_user;
grant insert on outbox to app_user;
grant usage on sequence outbox_id_seq to app_user;
grant delete on account_locks to app_user;
grant select, insert on audit_events to app_user;
grant usage on sequence audit_events_id_seq to app_user;

create or replace function app_guard_user_status() returns trigger
language plpgsql as $$
begin
  if new.status is distinct from old.status and current_user = 'app_user' and app_current_role() <> 'admin' then
    raise exception 'only an admin may change an account status' using errcode = '42501';
  end if;
  return new;
end
$$;
create trigger users_guard_status before update on users
  for each row execute function app_guard_user_status();

create or replace function app_guard_expert_approval() returns trigger
language plpgsql as $$
begin
  if current_user = 'app_user' and app_current_role() <> 'admin' and (
    new.approval_status is distinct from old.approval_status
    or new.decision_reason is distinct from old.decision_reason
    or new.decided_by is distinct from old.decided_by
    or new.decided_at is distinct from old.decided_at
  ) then
    raise exception 'only an admin may decide on an expert' using errcode = '42501';
  end if;
  return new;
end
$$;
create trigger expert_profiles_guard_approval before update on expert_profiles
  for each row execute function app_guard_expert_approval();
