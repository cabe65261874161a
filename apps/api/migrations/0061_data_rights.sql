-- The client's rights (RGPD): consents to the legal texts by version, data export jobs with an
-- expiring link, and account deletion with a grace period before erasure.

create table consents (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  document text not null check (document in ('terms', 'privacy')),
  version text not null,
  accepted_at timestamptz not null default now(),
  ip text,
  user_agent text
);
create index consents_user_idx on consents (user_id, document, accepted_at desc);

create table data_exports (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  status text not null default 'pending' check (status in ('pending', 'ready', 'failed')),
  -- The download link's token, stored hashed; the link works until expires_at.
  token_hash text unique,
  storage_key text,
  size_bytes bigint,
  error text,
  requested_at timestamptz not null default now(),
  ready_at timestamptz,
  expires_at timestamptz
);
create index data_exports_user_idx on data_exports (user_id, requested_at desc);
create index data_exports_pending_idx on data_exports (requested_at) where status = 'pending';

-- Deletion: requested, then erased once the grace period is over (erased_at), the row kept so
-- invoices and their dossiers, which the law keeps for ten years, still point somewhere.
alter table users add column deletion_requested_at timestamptz;
alter table users add column deletion_due_at timestamptz;
alter table users add column erased_at timestamptz;
create index users_deletion_due_idx on users (deletion_due_at) where deletion_due_at is not null and erased_at is null;

alter table consents enable row level security;
alter table data_exports enable row level security;
create policy consents_own on consents for select
  using (user_id = app_current_user_id() or app_current_role() = 'admin');
create policy data_exports_own on data_exports for select
  using (user_id = app_current_user_id() or app_current_role() = 'admin');
grant select on consents, data_exports to app_user;
