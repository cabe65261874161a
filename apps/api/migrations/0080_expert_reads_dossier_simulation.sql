-- The expert of a dossier reads the answers of the simulation the dossier came from (the facts the
-- estimate rests on), and nothing else of the client's simulations; only while it is assigned.
create policy simulations_assigned_expert on simulations for select
  using (
    app_current_role() = 'expert'
    and id in (select d.simulation_id from dossiers d where d.id in (select app_expert_dossier_ids()))
  );
