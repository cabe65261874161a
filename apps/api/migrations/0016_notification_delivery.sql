-- Notification preferences and e-mail delivery. Preferences store only what a user changed: a
-- missing row means the channel is on (the default for every type and channel).
create table notification_preferences (
  user_id uuid not null references users (id) on delete cascade,
  type text not null,
  channel text not null check (channel in ('in_app', 'email')),
  enabled boolean not null,
  updated_at timestamptz not null default now(),
  primary key (user_id, type, channel)
);

alter table notification_preferences enable row level security;
create policy notification_preferences_own on notification_preferences for all
  using (user_id = app_current_user_id())
  with check (user_id = app_current_user_id());
grant select, insert, update, delete on notification_preferences to app_user;

-- Whether each channel is on for one recipient and event type. Security definer because the
-- caller whose action notifies someone may not read that person's preferences; it returns two
-- booleans and nothing else.
create or replace function app_notification_channels(p_user uuid, p_type text)
returns table (in_app boolean, email boolean)
language sql stable security definer set search_path = public as $$
  select
    coalesce((select enabled from notification_preferences
              where user_id = p_user and type = p_type and channel = 'in_app'), true),
    coalesce((select enabled from notification_preferences
              where user_id = p_user and type = p_type and channel = 'email'), true)
$$;
revoke all on function app_notification_channels(uuid, text) from public;
grant execute on function app_notification_channels(uuid, text) to app_user;

-- One e-mail to send for one notification, written in the notifying transaction and turned into
-- an outbox mail by the delivery job once due. It carries its own copy of the text so that an
-- e-mail can go out even when the in-app channel is off (no notifications row then).
create table notification_emails (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  notification_id uuid references notifications (id) on delete set null,
  type text not null,
  title text not null,
  body text not null default '',
  link text,
  status text not null default 'pending' check (status in ('pending', 'sent', 'skipped', 'failed')),
  due_at timestamptz not null default now(),
  attempts integer not null default 0,
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index notification_emails_due_idx on notification_emails (due_at) where status = 'pending';
create index notification_emails_user_pending_idx on notification_emails (user_id, type)
  where status = 'pending';

-- Application roles only queue e-mails; the delivery job (owner) reads and updates them.
alter table notification_emails enable row level security;
create policy notification_emails_queued_by_actions on notification_emails for insert
  with check (app_current_role() in ('client', 'expert', 'admin'));
grant insert on notification_emails to app_user;
