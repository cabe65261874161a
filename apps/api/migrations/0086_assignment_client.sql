-- An expert sees its clients' profiles and identities through app_expert_client_ids(), which the
-- policies of client_profiles and users expand once per statement. It joined the live assignments
-- to dossiers for their client, and for a busy expert the planner hashed the whole dossiers table
-- (a sequential scan of 100 000 rows, 19 ms, twice in the statement that names a page's clients:
-- an expert's first dossier page took 59 ms at 1 000 assignments, bench:scaling, issue #17).
-- Each assignment now carries its dossier's client, copied with the dossier's creation time (a
-- dossier's client never changes: DossierChanges leaves it out), and the helper reads one expert's
-- live assignments from the index that already lists them, now holding the client: index only.
-- Who sees what is unchanged: the same live assignments, the same clients.
alter table expert_assignments add column client_id uuid;
update expert_assignments a set client_id = d.client_id from dossiers d where d.id = a.dossier_id;
alter table expert_assignments alter column client_id set not null;

-- One trigger function copies both, under a name that says so; 0050's is dropped with its trigger.
create or replace function app_assignment_copy_dossier() returns trigger
language plpgsql security definer set search_path = public as $$
begin
  select d.created_at, d.client_id into new.dossier_created_at, new.client_id
  from dossiers d where d.id = new.dossier_id;
  return new;
end
$$;
revoke all on function app_assignment_copy_dossier() from public;
drop trigger expert_assignments_dossier_created_at on expert_assignments;
drop function app_assignment_dossier_created_at();
create trigger expert_assignments_copy_dossier
  before insert or update of dossier_id on expert_assignments
  for each row execute function app_assignment_copy_dossier();

-- The expert's list index (0050) covers the same live assignments: it carries the client too, so
-- the helper's read is an index-only scan of it, and no second index over the same rows is kept.
drop index expert_assignments_expert_list_idx;
create index expert_assignments_expert_list_idx
  on expert_assignments (expert_id, dossier_created_at desc, dossier_id desc)
  include (client_id)
  where status in ('proposed', 'accepted');

-- The helpers return their sets in one call. As SQL functions with a `set search_path` clause
-- (never inlined), PostgreSQL called them once per row returned, switching the security context
-- and the search path each time: about 3 µs a row, 3 ms for an expert's 1 000 assignments in every
-- policy that expands them. PL/pgSQL's `return query` hands the whole set over at once (0.4–0.7 ms
-- for the same 1 000 rows). Same queries, same rows.
create or replace function app_expert_client_ids() returns setof uuid
language plpgsql stable security definer set search_path = public as $$
begin
  return query select a.client_id from expert_assignments a
    where a.expert_id = app_current_user_id() and a.status in ('proposed', 'accepted');
end
$$;

create or replace function app_expert_dossier_ids() returns setof uuid
language plpgsql stable security definer set search_path = public as $$
begin
  return query select a.dossier_id from expert_assignments a
    where a.expert_id = app_current_user_id() and a.status in ('proposed', 'accepted');
end
$$;

create or replace function app_client_dossier_ids() returns setof uuid
language plpgsql stable security definer set search_path = public as $$
begin
  return query select d.id from dossiers d where d.client_id = app_current_user_id();
end
$$;
