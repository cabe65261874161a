-- At completion the client may rate the expert once per dossier (1 to 5, with a comment).
create table expert_ratings (
  dossier_id uuid primary key references dossiers (id) on delete cascade,
  expert_id uuid not null references users (id),
  client_id uuid not null references users (id),
  score integer not null check (score between 1 and 5),
  comment text,
  created_at timestamptz not null default now()
);
create index expert_ratings_expert_idx on expert_ratings (expert_id);

alter table expert_ratings enable row level security;
create policy expert_ratings_parties on expert_ratings
  using (client_id = app_current_user_id() or expert_id = app_current_user_id() or app_current_role() = 'admin')
  with check (client_id = app_current_user_id());
grant select, insert on expert_ratings to app_user;

-- Everyone choosing an expert sees each expert's mean rating and count, not the ratings themselves.
create or replace function app_expert_rating_summaries() returns table (expert_id uuid, rating numeric, rating_count bigint)
language sql stable security definer set search_path = public as $$
  select expert_id, round(avg(score), 1), count(*) from expert_ratings group by expert_id
$$;
revoke all on function app_expert_rating_summaries() from public;
grant execute on function app_expert_rating_summaries() to app_user;
