-- In-app notifications, one row per recipient. Created as a side effect of an action the caller
-- was allowed to take (a client's upload notifies the expert), so any scoped transaction may insert
-- one for another user; only the recipient reads, marks read or archives its own.
create table notifications (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  type text not null,
  title text not null,
  body text not null default '',
  link text,
  dossier_id uuid references dossiers (id) on delete cascade,
  created_at timestamptz not null default now(),
  read_at timestamptz,
  archived_at timestamptz
);
create index notifications_user_created_idx on notifications (user_id, created_at desc, id desc);
create index notifications_user_unread_idx on notifications (user_id)
  where read_at is null and archived_at is null;

alter table notifications enable row level security;
create policy notifications_recipient_reads on notifications for select
  using (user_id = app_current_user_id());
create policy notifications_recipient_updates on notifications for update
  using (user_id = app_current_user_id());
create policy notifications_created_by_actions on notifications for insert
  with check (app_current_role() in ('client', 'expert', 'admin'));

grant select, insert on notifications to app_user;
grant update (read_at, archived_at) on notifications to app_user;
