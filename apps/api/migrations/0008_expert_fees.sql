-- Admins set each expert's fee rates and the range within which the expert may adjust the
-- client's rate on one dossier. Only an admin scope may change them.
grant update (client_fee_rate_bps, platform_fee_rate_bps, client_fee_min_bps, client_fee_max_bps)
  on expert_profiles to app_user;

alter table expert_profiles add constraint expert_fee_range_check
  check (client_fee_min_bps <= client_fee_rate_bps and client_fee_rate_bps <= client_fee_max_bps
         and client_fee_min_bps >= 0 and client_fee_max_bps <= 10000
         and platform_fee_rate_bps between 0 and 10000);

create or replace function app_guard_expert_approval() returns trigger
language plpgsql as $$
begin
  if current_user = 'app_user' and app_current_role() <> 'admin' and (
    new.approval_status is distinct from old.approval_status
    or new.decision_reason is distinct from old.decision_reason
    or new.decided_by is distinct from old.decided_by
    or new.decided_at is distinct from old.decided_at
    or new.client_fee_rate_bps is distinct from old.client_fee_rate_bps
    or new.platform_fee_rate_bps is distinct from old.platform_fee_rate_bps
    or new.client_fee_min_bps is distinct from old.client_fee_min_bps
    or new.client_fee_max_bps is distinct from old.client_fee_max_bps
  ) then
    raise exception 'only an admin may decide on an expert' using errcode = '42501';
  end if;
  return new;
end
$$;
