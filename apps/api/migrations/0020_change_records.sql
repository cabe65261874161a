-- The change pipeline (platform/changes): a state-changing action writes one change record in its
-- own transaction; timeline, audit trail, notifications, dashboard invalidation and real-time
-- events are subscribers that run once the transaction has committed. `pending` lists the
-- subscribers still to run: each removes itself in the same transaction as its own writes, so a
-- subscriber's work happens once, and a record whose list is not empty is retried by a job.
create table change_records (
  id bigint generated always as identity primary key,
  actor_id uuid references users (id),
  actor_role text not null,
  ip text,
  user_agent text,
  entity_type text not null,
  entity_id uuid not null,
  action text not null,
  from_status text,
  to_status text,
  details jsonb not null default '{}',
  -- Who was party to the entity before and after the change ([{party, userId}]): an expert who
  -- just lost access is still told.
  parties_before jsonb not null default '[]',
  parties_after jsonb not null default '[]',
  pending text[] not null,
  attempts integer not null default 0,
  last_error text,
  created_at timestamptz not null default now()
);
create index change_records_pending_idx on change_records (id) where cardinality(pending) > 0;
create index change_records_entity_idx on change_records (entity_type, entity_id, id);

-- Nobody reads or writes the records directly but the owner: the function below is the only way in.
alter table change_records enable row level security;

-- Writes a change record with the owner's authority: the insert does not depend on what the actor
-- may still see once the change is made (an expert declining a proposal loses the dossier in the
-- same transaction). The actor comes from the scope of the transaction, never from an argument,
-- so nobody records a change in someone else's name. Parties after the change are read here, as
-- the owner, for the same reason.
create or replace function app_record_change(
  p_entity_type text,
  p_entity_id uuid,
  p_action text,
  p_from text,
  p_to text,
  p_details jsonb,
  p_parties_before jsonb,
  p_ip text,
  p_user_agent text,
  p_subscribers text[]
) returns bigint
language plpgsql security definer set search_path = public as $$
declare
  v_id bigint;
  v_after jsonb := '[]';
begin
  if p_entity_type = 'dossier' then
    select coalesce(jsonb_agg(jsonb_build_object('party', s.party, 'userId', s.user_id)), '[]')
      into v_after
    from (
      select 'client' as party, d.client_id as user_id from dossiers d where d.id = p_entity_id
      union all
      select 'expert', a.expert_id from expert_assignments a
      where a.dossier_id = p_entity_id and a.status in ('proposed', 'accepted')
    ) s;
  end if;
  insert into change_records (actor_id, actor_role, ip, user_agent, entity_type, entity_id, action,
    from_status, to_status, details, parties_before, parties_after, pending)
  values (
    nullif(current_setting('app.user_id', true), '')::uuid,
    coalesce(nullif(current_setting('app.role', true), ''), 'system'),
    p_ip, p_user_agent, p_entity_type, p_entity_id, p_action, p_from, p_to,
    coalesce(p_details, '{}'), coalesce(p_parties_before, '[]'), v_after, p_subscribers)
  returning id into v_id;
  return v_id;
end
$$;
revoke all on function app_record_change(text, uuid, text, text, text, jsonb, jsonb, text, text, text[]) from public;
grant execute on function app_record_change(text, uuid, text, text, text, jsonb, jsonb, text, text, text[]) to app_user;
