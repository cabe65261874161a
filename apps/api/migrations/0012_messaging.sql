-- Messaging: one conversation per dossier and one support conversation per user, messages
-- partitioned by year, read state per participant.
--
-- Who may read a conversation is derived, never stored: the dossier's client, the expert with a
-- live (proposed or accepted) assignment, the user of a support conversation, and admins. An expert
-- whose assignment ends therefore loses access at once; participant rows only hold read state.

create table conversations (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('dossier', 'support')),
  dossier_id uuid unique references dossiers (id) on delete cascade,
  subject_user_id uuid references users (id) on delete cascade,
  created_at timestamptz not null default now(),
  last_message_at timestamptz,
  check ((kind = 'dossier') = (dossier_id is not null)),
  check ((kind = 'support') = (subject_user_id is not null))
);
create unique index conversations_support_key on conversations (subject_user_id) where kind = 'support';
create index conversations_last_message_idx on conversations (last_message_at desc);

create table conversation_participants (
  conversation_id uuid not null references conversations (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  joined_at timestamptz not null default now(),
  last_read_at timestamptz,
  last_read_message_id uuid,
  -- created_at of the newest message a "new message" notification covered (one per unread burst)
  notified_up_to timestamptz,
  primary key (conversation_id, user_id)
);
create index conversation_participants_user_idx on conversation_participants (user_id);

-- Partitioned by year on created_at. A partitioned table's unique keys must include the partition
-- key, so the client-chosen id is made unique in message_ids (the idempotency register, which also
-- tells which partition holds a message).
create table messages (
  id uuid not null,
  conversation_id uuid not null references conversations (id) on delete cascade,
  sender_id uuid not null references users (id),
  body text not null check (char_length(body) <= 10000),
  attachment_ids uuid[] not null default '{}',
  created_at timestamptz not null default date_trunc('milliseconds', clock_timestamp()),
  edited_at timestamptz,
  deleted_at timestamptz,
  primary key (id, created_at)
) partition by range (created_at);
create index messages_conversation_created_idx on messages (conversation_id, created_at, id);

create table message_ids (
  id uuid primary key,
  conversation_id uuid not null references conversations (id) on delete cascade,
  sender_id uuid not null references users (id),
  created_at timestamptz not null
);

-- Creates the partition of one year if missing; the maintenance job calls it for next year.
create or replace function app_ensure_message_partition(p_year integer) returns void
language plpgsql security definer set search_path = public as $$
declare
  partition_name text := format('messages_y%s', p_year);
begin
  if to_regclass(partition_name) is null then
    execute format(
      'create table %I partition of messages for values from (%L) to (%L)',
      partition_name,
      make_timestamptz(p_year, 1, 1, 0, 0, 0, 'UTC'),
      make_timestamptz(p_year + 1, 1, 1, 0, 0, 0, 'UTC'));
  end if;
end
$$;
revoke all on function app_ensure_message_partition(integer) from public;

-- Anything outside the yearly partitions (a clock far off) still lands somewhere.
create table messages_default partition of messages default;
select app_ensure_message_partition(extract(year from now() at time zone 'UTC')::integer);
select app_ensure_message_partition(extract(year from now() at time zone 'UTC')::integer + 1);

-- May this user read this conversation now? Owner-run so that jobs and the policies below agree
-- on one rule; it reads assignments and roles without row-level security.
create or replace function app_conversation_reader(p_user uuid, p_conversation uuid) returns boolean
language sql stable security definer set search_path = public as $$
  select exists (
    select 1 from conversations c
    join users u on u.id = p_user
    where c.id = p_conversation and u.status = 'active' and (
      u.role = 'admin'
      or c.subject_user_id = p_user
      or exists (select 1 from dossiers d where d.id = c.dossier_id and d.client_id = p_user)
      or exists (select 1 from expert_assignments a where a.dossier_id = c.dossier_id
                   and a.expert_id = p_user and a.status in ('proposed', 'accepted'))))
$$;
revoke all on function app_conversation_reader(uuid, uuid) from public;

-- Who reads a conversation (and receives its real-time events), with the name to show. Only
-- answered to someone who may read it, or to system work (jobs run without app.role).
create or replace function app_conversation_audience(p_conversation uuid)
returns table (user_id uuid, role text, display_name text)
language sql stable security definer set search_path = public as $$
  with c as (
    select * from conversations
    where id = p_conversation
      and (coalesce(current_setting('app.role', true), '') = ''
           or app_conversation_reader(app_current_user_id(), id))
  ), members as (
    select d.client_id as user_id from c join dossiers d on d.id = c.dossier_id
    union select a.expert_id from c join expert_assignments a on a.dossier_id = c.dossier_id
      where a.status in ('proposed', 'accepted')
    union select c.subject_user_id from c where c.subject_user_id is not null
    -- admins who joined; the whole admin team for support conversations
    union select p.user_id from c join conversation_participants p on p.conversation_id = c.id
      join users u on u.id = p.user_id where u.role = 'admin'
    union select u.id from c join users u on u.role = 'admin' and u.status = 'active'
      where c.kind = 'support'
  )
  select u.id, u.role,
    case u.role
      when 'client' then coalesce(cp.first_name || ' ' || cp.last_name || ' (' || cp.company_name || ')', u.email)
      when 'expert' then coalesce(ep.first_name || ' ' || ep.last_name || ' (' || ep.firm_name || ')', u.email)
      else 'Équipe FinancialTracker'
    end
  from members m
  join users u on u.id = m.user_id
  left join client_profiles cp on cp.user_id = u.id
  left join expert_profiles ep on ep.user_id = u.id
  where u.status = 'active'
$$;
revoke all on function app_conversation_audience(uuid) from public;
grant execute on function app_conversation_audience(uuid) to app_user;

alter table conversations enable row level security;
alter table conversation_participants enable row level security;
alter table messages enable row level security;
alter table message_ids enable row level security;

-- Set-based on the dossier helpers (cheaper than a per-row function call for list queries).
create policy conversations_readers on conversations
  using (
    app_current_role() = 'admin'
    or subject_user_id = app_current_user_id()
    or dossier_id in (select app_client_dossier_ids())
    or dossier_id in (select app_expert_dossier_ids())
  );
create policy conversation_participants_readers on conversation_participants
  using (conversation_id in (select id from conversations))
  with check (conversation_id in (select id from conversations));
create policy messages_readers on messages for select
  using (conversation_id in (select id from conversations));
create policy messages_senders on messages for insert
  with check (sender_id = app_current_user_id() and conversation_id in (select id from conversations));
create policy messages_own_edits on messages for update
  using (sender_id = app_current_user_id() and conversation_id in (select id from conversations));
-- Another user's id is visible (it must answer 409), never its conversation's content.
create policy message_ids_readers on message_ids for select
  using (sender_id = app_current_user_id() or conversation_id in (select id from conversations));
create policy message_ids_senders on message_ids for insert
  with check (sender_id = app_current_user_id() and conversation_id in (select id from conversations));

grant select, insert on conversations to app_user;
grant update (last_message_at) on conversations to app_user;
grant select, insert on conversation_participants to app_user;
grant update (last_read_at, last_read_message_id) on conversation_participants to app_user;
grant select, insert on messages to app_user;
grant update (body, attachment_ids, edited_at, deleted_at) on messages to app_user;
grant select, insert on message_ids to app_user;
