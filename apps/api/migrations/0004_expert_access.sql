-- Expert access through assignments. An expert sees a dossier, its client's profile and identity
-- only while an assignment to that dossier is proposed to it or accepted by it; a declined,
-- expired or ended assignment removes the access. The dossier workflow fills this table.

create table expert_assignments (
  id uuid primary key default gen_random_uuid(),
  dossier_id uuid not null references dossiers (id) on delete cascade,
  expert_id uuid not null references users (id),
  status text not null default 'proposed'
    check (status in ('proposed', 'accepted', 'declined', 'expired', 'ended')),
  proposed_by uuid references users (id),
  proposed_at timestamptz not null default now(),
  expires_at timestamptz not null,
  responded_at timestamptz,
  reason text
);
-- At most one live assignment per dossier.
create unique index expert_assignments_live_key on expert_assignments (dossier_id)
  where status in ('proposed', 'accepted');
create index expert_assignments_expert_idx on expert_assignments (expert_id, status);

-- Policies on dossiers and on assignments would otherwise query each other (infinite recursion):
-- these owner-run functions answer "what may the current expert see" without row-level security.
create or replace function app_expert_dossier_ids() returns setof uuid
language sql stable security definer set search_path = public as $$
  select dossier_id from expert_assignments
  where expert_id = app_current_user_id() and status in ('proposed', 'accepted')
$$;

create or replace function app_expert_client_ids() returns setof uuid
language sql stable security definer set search_path = public as $$
  select d.client_id from dossiers d
  join expert_assignments a on a.dossier_id = d.id
  where a.expert_id = app_current_user_id() and a.status in ('proposed', 'accepted')
$$;

create or replace function app_client_dossier_ids() returns setof uuid
language sql stable security definer set search_path = public as $$
  select id from dossiers where client_id = app_current_user_id()
$$;

revoke all on function app_expert_dossier_ids() from public;
revoke all on function app_expert_client_ids() from public;
revoke all on function app_client_dossier_ids() from public;
grant execute on function app_expert_dossier_ids() to app_user;
grant execute on function app_expert_client_ids() to app_user;
grant execute on function app_client_dossier_ids() to app_user;

alter table expert_assignments enable row level security;
create policy expert_assignments_parties on expert_assignments
  using (
    expert_id = app_current_user_id()
    or dossier_id in (select app_client_dossier_ids())
    or app_current_role() = 'admin'
  );
grant select on expert_assignments to app_user;

create policy dossiers_assigned_expert on dossiers for select
  using (app_current_role() = 'expert' and id in (select app_expert_dossier_ids()));
create policy client_profiles_assigned_expert on client_profiles for select
  using (app_current_role() = 'expert' and user_id in (select app_expert_client_ids()));
create policy users_assigned_expert on users for select
  using (app_current_role() = 'expert' and id in (select app_expert_client_ids()));
-- Clients choose among approved experts: they see those profiles (not the pending or rejected).
create policy expert_profiles_approved_visible on expert_profiles for select
  using (approval_status = 'approved' and app_current_role() in ('client', 'expert', 'admin'));
