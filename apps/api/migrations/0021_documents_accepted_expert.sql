-- A proposed expert sees the dossier's summary to decide, not the client's papers (RIB, Kbis):
-- documents are visible to an expert only once it has accepted the dossier. Clients and admins
-- keep seeing them through the dossier's own policies.
create or replace function app_expert_accepted_dossier_ids() returns setof uuid
language sql stable security definer set search_path = public as $$
  select dossier_id from expert_assignments
  where expert_id = app_current_user_id() and status = 'accepted'
$$;
revoke all on function app_expert_accepted_dossier_ids() from public;
grant execute on function app_expert_accepted_dossier_ids() to app_user;

drop policy documents_with_dossier on documents;
create policy documents_with_dossier on documents
  using (
    dossier_id in (select id from dossiers)
    and (app_current_role() <> 'expert' or dossier_id in (select app_expert_accepted_dossier_ids()))
  );
