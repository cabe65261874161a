-- Deep lists read one page of an index, whatever the caller's number of rows (bench:scaling,
-- docs/performance.md). Row-level security is unchanged.
--
-- An expert's dossier list is ordered by the dossiers' creation time, which lived only on
-- dossiers: the first page read every assigned dossier (1 000 for a busy expert) and sorted them.
-- Each assignment now carries its dossier's creation time (set once: a dossier's created_at never
-- changes), copied by a trigger on insert, and a partial index over the live assignments walks one
-- expert's list in that order; the list reads a page of it, then those dossiers by primary key.
alter table expert_assignments add column dossier_created_at timestamptz;
update expert_assignments a set dossier_created_at = d.created_at from dossiers d where d.id = a.dossier_id;
alter table expert_assignments alter column dossier_created_at set not null;

-- Security definer: whoever proposes the expert (the client, an admin, a job) may insert the
-- assignment; reading the creation time must not depend on what its role may see.
create or replace function app_assignment_dossier_created_at() returns trigger
language plpgsql security definer set search_path = public as $$
begin
  select d.created_at into new.dossier_created_at from dossiers d where d.id = new.dossier_id;
  return new;
end
$$;
revoke all on function app_assignment_dossier_created_at() from public;
create trigger expert_assignments_dossier_created_at
  before insert or update of dossier_id on expert_assignments
  for each row execute function app_assignment_dossier_created_at();

create index expert_assignments_expert_list_idx
  on expert_assignments (expert_id, dossier_created_at desc, dossier_id desc)
  where status in ('proposed', 'accepted');
