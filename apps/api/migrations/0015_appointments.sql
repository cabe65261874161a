-- Appointments between the client and the expert of a dossier, the expert's availability, the
-- reminders the scheduler sends, and the private calendar feeds.

-- btree_gist lets one exclusion constraint combine uuid equality with range overlap.
create extension if not exists btree_gist;

-- One row per expert: weekly ranges in local wall-clock time of `time_zone`, and days off.
create table expert_availability (
  expert_id uuid primary key references users (id) on delete cascade,
  time_zone text not null default 'Europe/Paris',
  weekly jsonb not null default '[]',
  exceptions jsonb not null default '[]',
  updated_at timestamptz not null default now()
);

create table appointments (
  id uuid primary key default gen_random_uuid(),
  dossier_id uuid not null references dossiers (id) on delete cascade,
  client_id uuid not null references users (id),
  expert_id uuid not null references users (id),
  proposed_by uuid not null references users (id),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  -- The proposer's IANA zone when it proposed: the instant itself is UTC.
  time_zone text not null,
  meeting_type text not null check (meeting_type in ('video', 'phone', 'on_site')),
  meeting_details text not null,
  agenda text not null default '',
  status text not null default 'pending'
    check (status in ('pending', 'confirmed', 'declined', 'cancelled', 'superseded')),
  -- RFC 5545 SEQUENCE: raised on every change of time or status a calendar must pick up.
  sequence integer not null default 0,
  supersedes_id uuid references appointments (id),
  reason text,
  report text,
  reported_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (ends_at > starts_at),
  -- No double booking, whatever the interleaving of requests: a pending proposal holds its slot
  -- until it is answered, a confirmed appointment for good.
  constraint appointments_expert_no_overlap exclude using gist (
    expert_id with =,
    tstzrange(starts_at, ends_at, '[)') with &&
  ) where (status in ('pending', 'confirmed'))
);
create index appointments_client_idx on appointments (client_id, starts_at);
create index appointments_dossier_idx on appointments (dossier_id, starts_at);

-- One row per reminder and recipient; sent_at is set by the one scheduler run that claims it.
create table appointment_reminders (
  id bigint generated always as identity primary key,
  appointment_id uuid not null references appointments (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  minutes_before integer not null check (minutes_before in (60, 1440)),
  due_at timestamptz not null,
  sent_at timestamptz,
  unique (appointment_id, user_id, minutes_before)
);
create index appointment_reminders_due_idx on appointment_reminders (due_at) where sent_at is null;

-- A private feed URL per user; only the token's SHA-256 is kept.
create table calendar_feeds (
  user_id uuid primary key references users (id) on delete cascade,
  token_hash text not null unique,
  created_at timestamptz not null default now()
);

alter table expert_availability enable row level security;
alter table appointments enable row level security;
alter table appointment_reminders enable row level security;
alter table calendar_feeds enable row level security;

-- The expert edits its own availability; a client reads that of the experts assigned to its dossiers.
create policy expert_availability_own on expert_availability
  using (expert_id = app_current_user_id() and app_current_role() = 'expert')
  with check (expert_id = app_current_user_id() and app_current_role() = 'expert');
create policy expert_availability_readers on expert_availability for select
  using (
    app_current_role() = 'admin'
    or expert_id in (select d.expert_id from dossiers d where d.id in (select app_client_dossier_ids()))
  );

-- The client of the dossier, and its expert while the assignment is live.
create or replace function app_appointment_party(p_dossier uuid, p_client uuid, p_expert uuid) returns boolean
language sql stable as $$
  select (p_client = app_current_user_id() and app_current_role() = 'client')
      or (p_expert = app_current_user_id() and app_current_role() = 'expert'
          and p_dossier in (select app_expert_dossier_ids()))
$$;
create policy appointments_parties on appointments for select
  using (app_appointment_party(dossier_id, client_id, expert_id) or app_current_role() = 'admin');
create policy appointments_parties_insert on appointments for insert
  with check (app_appointment_party(dossier_id, client_id, expert_id));
create policy appointments_parties_update on appointments for update
  using (app_appointment_party(dossier_id, client_id, expert_id));

create policy appointment_reminders_with_appointment on appointment_reminders
  using (appointment_id in (select id from appointments));

create policy calendar_feeds_own on calendar_feeds
  using (user_id = app_current_user_id()) with check (user_id = app_current_user_id());

-- Busy times of an expert for the slot picker: bare intervals, never whose or why, and only to
-- the expert itself, an admin, or a client whose dossier the expert is assigned to.
create or replace function app_expert_busy(p_expert uuid, p_from timestamptz, p_to timestamptz)
returns table (starts_at timestamptz, ends_at timestamptz)
language sql stable security definer set search_path = public as $$
  select a.starts_at, a.ends_at from appointments a
  where a.expert_id = p_expert and a.status in ('pending', 'confirmed')
    and a.starts_at < p_to and a.ends_at > p_from
    and (p_expert = app_current_user_id() or app_current_role() = 'admin'
         or exists (select 1 from dossiers d where d.expert_id = p_expert
                    and d.client_id = app_current_user_id()))
$$;
revoke all on function app_expert_busy(uuid, timestamptz, timestamptz) from public;
grant execute on function app_expert_busy(uuid, timestamptz, timestamptz) to app_user;

-- Whom to tell about an appointment, and in which zone to write its time: each party may not read
-- the other's account row, so this owner-run function returns just that, to a party (or to jobs).
create or replace function app_appointment_recipients(p_appointment uuid)
returns table (user_id uuid, email text, time_zone text)
language sql stable security definer set search_path = public as $$
  select u.id, u.email, u.time_zone from appointments a
  join users u on u.id in (a.client_id, a.expert_id)
  where a.id = p_appointment
    and (app_appointment_party(a.dossier_id, a.client_id, a.expert_id) or app_current_role() = 'admin'
         -- system work (jobs) runs without any app.role set
         or coalesce(current_setting('app.role', true), '') = '')
$$;
revoke all on function app_appointment_recipients(uuid) from public;
grant execute on function app_appointment_recipients(uuid) to app_user;

grant select, insert, update, delete on expert_availability to app_user;
grant select, insert on appointments to app_user;
grant update (starts_at, ends_at, time_zone, proposed_by, status, sequence, reason, report, reported_at,
  updated_at) on appointments to app_user;
grant select, insert, delete on appointment_reminders to app_user;
grant select, insert, update, delete on calendar_feeds to app_user;
