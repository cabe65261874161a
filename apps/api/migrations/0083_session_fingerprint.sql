-- What a live session grants, as one text: the user, role and account status, the expert's
-- approval, and the second-factor inputs (verified on this session, a factor enrolled, the
-- platform-wide requirement). Null when the session is revoked or expired. The session lookup
-- reads it with the session, and an instance that serves a request from a session it resolved
-- earlier asks for it again in the first statement of the request's transaction
-- (app_session_unchanged): any change made since, by any instance, fails that statement.
-- PL/pgSQL, so each connection plans the query once: every reused session asks for it.
create or replace function app_session_fingerprint(p_session uuid) returns text
language plpgsql stable security definer set search_path = public as $$
begin
  return (
    select concat_ws('|', u.id, u.role, u.status, coalesce(e.approval_status, '-'),
      s.second_factor_at is not null,
      exists (select 1 from user_totp t where t.user_id = u.id and t.confirmed_at is not null)
        or exists (select 1 from passkeys p where p.user_id = u.id),
      coalesce((select require_second_factor_for_all from security_settings), false))
    from sessions s
    join users u on u.id = s.user_id
    left join expert_profiles e on e.user_id = u.id
    where s.id = p_session and s.revoked_at is null and s.expires_at > now());
end
$$;
revoke all on function app_session_fingerprint(uuid) from public;

-- Fails the statement (SQLSTATE FTS01) unless the session still grants what it granted when the
-- instance resolved it. Called by the owner, in the same statement that hands the transaction to
-- app_user (platform/db/scoped.ts), so nothing of the request runs on a stale identity.
create or replace function app_session_unchanged(p_session uuid, p_fingerprint text) returns void
language plpgsql stable security definer set search_path = public as $$
begin
  if app_session_fingerprint(p_session) is distinct from p_fingerprint then
    raise exception 'session changed since it was resolved' using errcode = 'FTS01';
  end if;
end
$$;
revoke all on function app_session_unchanged(uuid, text) from public;
