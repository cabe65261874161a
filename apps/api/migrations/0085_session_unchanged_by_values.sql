-- The session check compares what the session lookup itself read. 0083 had the lookup select
-- app_session_fingerprint(s.id) beside its own columns, so every fresh lookup ran the joins and the
-- second-factor probes twice (27 µs of database time per call, docs/performance.md). The lookup now
-- reads its columns once and an instance that reuses the session passes them back here, in the
-- first statement of the request's transaction (platform/db/scoped.ts): any change made since, by
-- any instance, fails that statement with SQLSTATE FTS01 before anything of the request runs.
-- Values arrive as the lookup read them: the expert's approval as '' when there is none.
create or replace function app_session_unchanged(
  p_session uuid, p_user uuid, p_role text, p_status text, p_approval text,
  p_verified boolean, p_has_factor boolean, p_require_all boolean
) returns void
language plpgsql volatile security definer set search_path = public as $$
begin
  if not exists (
    select 1
    from sessions s
    join users u on u.id = s.user_id
    left join expert_profiles e on e.user_id = u.id
    where s.id = p_session and s.revoked_at is null and s.expires_at > now()
      and u.id = p_user and u.role::text = p_role and u.status::text = p_status
      and coalesce(e.approval_status::text, '') = p_approval
      and (s.second_factor_at is not null) = p_verified
      and (exists (select 1 from user_totp t where t.user_id = u.id and t.confirmed_at is not null)
        or exists (select 1 from passkeys p where p.user_id = u.id)) = p_has_factor
      and coalesce((select require_second_factor_for_all from security_settings), false) = p_require_all
  ) then
    raise exception 'session changed since it was resolved' using errcode = 'FTS01';
  end if;
end
$$;
revoke all on function app_session_unchanged(uuid, uuid, text, text, text, boolean, boolean, boolean) from public;
-- app_session_fingerprint and the two-argument app_session_unchanged stay for instances of the
-- previous release during a rolling deploy; nothing of this release calls them.
comment on function app_session_fingerprint(uuid) is 'unused since 0085; kept for a rolling deploy, drop later';
comment on function app_session_unchanged(uuid, text) is 'unused since 0085; kept for a rolling deploy, drop later';
