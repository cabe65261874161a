-- The dossier workflow (spec/dossier-workflow.md): what each step records on the dossier, the
-- document items, the timeline, invoices with gap-free numbers, and experts' fee settings.

alter table dossiers
  add column expert_id uuid references users (id),
  add column status_changed_at timestamptz not null default now(),
  add column proposed_fee_rate_bps integer,
  add column client_fee_rate_bps integer,
  add column platform_fee_rate_bps integer,
  add column final_amount_cents bigint,
  add column audit_report text,
  add column audit_revision integer not null default 0,
  add column claim_authority text,
  add column claim_reference text,
  add column claim_filed_on date,
  add column decision text check (decision in ('accepted', 'partial', 'refused')),
  add column granted_amount_cents bigint,
  add column decided_on date,
  add column decision_reason text,
  add column quote_amount_cents bigint,
  add column quote_description text,
  add column quote_valid_until date,
  add column closing_reason text,
  add column completed_at timestamptz;
create index dossiers_status_idx on dossiers (status, status_changed_at);

alter table expert_profiles
  add column client_fee_rate_bps integer not null default 3000,
  add column platform_fee_rate_bps integer not null default 3000,
  add column client_fee_min_bps integer not null default 2000,
  add column client_fee_max_bps integer not null default 3500;

-- Documents a dossier needs: the product's checklist, then what the expert asks for.
create table dossier_items (
  id uuid primary key default gen_random_uuid(),
  dossier_id uuid not null references dossiers (id) on delete cascade,
  code text not null,
  label text not null,
  required boolean not null,
  source text not null check (source in ('checklist', 'expert')),
  status text not null default 'requested' check (status in ('requested', 'uploaded', 'approved', 'rejected')),
  reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index dossier_items_dossier_idx on dossier_items (dossier_id, created_at);

-- Who did what to the dossier, when: the timeline every party reads.
create table dossier_events (
  id bigint generated always as identity primary key,
  dossier_id uuid not null references dossiers (id) on delete cascade,
  actor_id uuid references users (id),
  action text not null,
  from_status text,
  to_status text,
  details jsonb not null default '{}',
  created_at timestamptz not null default now()
);
create index dossier_events_dossier_idx on dossier_events (dossier_id, id);

create table invoice_counters (
  year integer primary key,
  last_number integer not null
);

create table invoices (
  id uuid primary key default gen_random_uuid(),
  number text not null unique,
  year integer not null,
  sequence integer not null,
  dossier_id uuid not null unique references dossiers (id),
  client_id uuid not null references users (id),
  expert_id uuid not null references users (id),
  base_cents bigint not null,
  client_fee_rate_bps integer,
  fee_excl_vat_cents bigint not null,
  vat_cents bigint not null,
  total_incl_vat_cents bigint not null,
  platform_commission_cents bigint not null,
  expert_net_cents bigint not null,
  issued_at timestamptz not null default now(),
  due_on date not null,
  paid_at timestamptz,
  unique (year, sequence)
);

alter table dossier_items enable row level security;
alter table dossier_events enable row level security;
alter table invoices enable row level security;
alter table invoice_counters enable row level security;

-- Visible with the dossier they belong to (the dossier's own policies decide).
create policy dossier_items_with_dossier on dossier_items using (dossier_id in (select id from dossiers));
create policy dossier_events_with_dossier on dossier_events using (dossier_id in (select id from dossiers));
create policy invoices_parties on invoices
  using (client_id = app_current_user_id() or expert_id = app_current_user_id() or app_current_role() = 'admin');
create policy invoice_counters_all on invoice_counters using (true);

create policy dossiers_assigned_expert_update on dossiers for update
  using (app_current_role() = 'expert' and id in (select app_expert_dossier_ids()));
create policy expert_assignments_propose on expert_assignments for insert
  with check (dossier_id in (select app_client_dossier_ids()) or app_current_role() = 'admin');
create policy expert_assignments_respond on expert_assignments for update
  using (expert_id = app_current_user_id() or dossier_id in (select app_client_dossier_ids()) or app_current_role() = 'admin');

grant update (status, progress, expert_id, status_changed_at, proposed_fee_rate_bps, client_fee_rate_bps,
  platform_fee_rate_bps, final_amount_cents, audit_report, audit_revision, claim_authority, claim_reference,
  claim_filed_on, decision, granted_amount_cents, decided_on, decision_reason, quote_amount_cents,
  quote_description, quote_valid_until, closing_reason, completed_at) on dossiers to app_user;
grant insert, update (status, responded_at, reason) on expert_assignments to app_user;
grant select, insert, update (status, reason, updated_at) on dossier_items to app_user;
grant select, insert on dossier_events to app_user;
grant usage on sequence dossier_events_id_seq to app_user;
grant select, insert, update (paid_at) on invoices to app_user;
grant select, insert, update on invoice_counters to app_user;

-- Dossiers created before this migration get their product's checklist.
insert into dossier_items (dossier_id, code, label, required, source)
select d.id, item->>'code', item->>'label', (item->>'required')::boolean, 'checklist'
from dossiers d
join products p on p.code = d.product_code
cross join lateral jsonb_array_elements(p.checklist) as item;

-- For the expert picker: how many live dossiers each expert has, without exposing those dossiers.
create or replace function app_expert_workloads() returns table (expert_id uuid, active_dossiers bigint)
language sql stable security definer set search_path = public as $$
  select a.expert_id, count(*) from expert_assignments a
  join dossiers d on d.id = a.dossier_id
  where a.status in ('proposed', 'accepted')
    and d.status not in ('admin_rejected', 'claim_refused', 'completed', 'cancelled')
  group by a.expert_id
$$;
revoke all on function app_expert_workloads() from public;
grant execute on function app_expert_workloads() to app_user;
