-- Foundation: the application role used for row-level security, and the job-run journal.

-- app_user is the non-owner role every request's transaction switches to (SET LOCAL ROLE), so
-- that row-level security applies to the application's own queries. Roles are cluster-wide:
-- create it only once, and let the migrating (owner) user switch to it.
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'app_user') then
    create role app_user nologin nosuperuser noinherit nobypassrls;
  end if;
  if not exists (
    select 1 from pg_auth_members m
    join pg_roles r on r.oid = m.roleid
    join pg_roles u on u.oid = m.member
    where r.rolname = 'app_user' and u.rolname = current_user
  ) and not (select rolsuper from pg_roles where rolname = current_user) then
    execute format('grant app_user to %I', current_user);
  end if;
end
$$;

grant usage on schema public to app_user;

-- Helpers the policies use: the caller's identity as set by the scoped transaction.
create or replace function app_current_user_id() returns uuid
language sql stable as $$
  select nullif(current_setting('app.user_id', true), '')::uuid
$$;

create or replace function app_current_role() returns text
language sql stable as $$
  select coalesce(nullif(current_setting('app.role', true), ''), 'anonymous')
$$;

grant execute on function app_current_user_id() to app_user;
grant execute on function app_current_role() to app_user;

-- Every run of a recurring job, on whichever instance won its advisory lock.
create table job_runs (
  id bigint generated always as identity primary key,
  job_name text not null,
  instance_id text not null,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  outcome text not null default 'running' check (outcome in ('running', 'succeeded', 'failed')),
  error text
);
create index job_runs_job_name_started_at_idx on job_runs (job_name, started_at desc);
