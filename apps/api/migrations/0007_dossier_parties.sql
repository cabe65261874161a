-- Who to notify about a dossier: its client and its expert (proposed or assigned). A client may
-- not read an expert's account row, so this owner-run function returns just the e-mails, and only
-- to someone who may see the dossier.
create or replace function app_dossier_parties(p_dossier uuid) returns table (party text, user_id uuid, email text)
language sql stable security definer set search_path = public as $$
  select 'client', u.id, u.email from dossiers d join users u on u.id = d.client_id
  where d.id = p_dossier
    and (d.client_id = app_current_user_id() or app_current_role() = 'admin'
         or d.id in (select app_expert_dossier_ids())
         -- system work (jobs) runs without any app.role set
         or coalesce(current_setting('app.role', true), '') = '')
  union all
  select 'expert', u.id, u.email from expert_assignments a join users u on u.id = a.expert_id
  join dossiers d on d.id = a.dossier_id
  where a.dossier_id = p_dossier and a.status in ('proposed', 'accepted')
    and (d.client_id = app_current_user_id() or app_current_role() = 'admin'
         or d.id in (select app_expert_dossier_ids())
         -- system work (jobs) runs without any app.role set
         or coalesce(current_setting('app.role', true), '') = '')
$$;
revoke all on function app_dossier_parties(uuid) from public;
grant execute on function app_dossier_parties(uuid) to app_user;
