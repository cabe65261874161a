-- A sign-in lock now holds for one account from one address: five wrong passwords typed by a
-- stranger elsewhere no longer lock the owner out. Locks last 15 minutes at most, so the old
-- account-wide ones are simply dropped.
delete from account_locks;
alter table account_locks add column ip text not null default '';
alter table account_locks drop constraint account_locks_pkey;
alter table account_locks add primary key (email, ip);
create index login_attempts_email_ip_idx on login_attempts (email, ip, created_at desc);
