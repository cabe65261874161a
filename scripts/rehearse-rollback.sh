#!/usr/bin/env bash
# Rehearses the runbook's deploy → rollback on this machine, for real, against a PostgreSQL server:
#   1. release N (this checkout) is migrated and started; a client signs up; `backup` runs;
#   2. release N+1 (the same build plus a migration that adds a table) is deployed the runbook's
#      way: backup first, migrate, start, smoke test;
#   3. N+1 is rolled back: it is stopped, N cannot start on a schema it does not know, so the
#      pre-deploy backup is restored with N's own CLI (`restore <name> --yes`), then N starts and
#      the client's data is there, the N+1 table is gone.
# Usage: scripts/rehearse-rollback.sh [ADMIN_DATABASE_URL] [PORT]
#   defaults: postgres://postgres@127.0.0.1:5432/postgres and 5210. A throwaway database is created
#   and dropped. Needs psql/pg_dump/pg_restore, curl, a built app (node scripts/ensure-build.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
admin_url="${1:-postgres://postgres@127.0.0.1:5432/postgres}"
port="${2:-5210}"
db="ft_rehearsal_$(date +%s)_$$"
db_url="${admin_url%/*}/${db}"
work="$(mktemp -d)"
api_pid=""
cleanup() {
  [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null && wait "$api_pid" 2>/dev/null
  psql -q "$admin_url" -c "drop database if exists ${db} with (force)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
step() { printf '\n== %s\n' "$1"; }

node scripts/ensure-build.mjs
# A release is what an image holds: the API bundle, its migrations, the SPA, the manifest.
make_release() {
  local dir="$work/$1"
  mkdir -p "$dir/apps/api" "$dir/apps/web"
  cp -r apps/api/dist apps/api/migrations "$dir/apps/api/"
  cp -r apps/web/dist "$dir/apps/web/"
  cp package.json "$dir/"
  ln -s "$repo/node_modules" "$dir/node_modules"
  echo "$dir"
}
release_n="$(make_release release-n)"
release_next="$(make_release release-n1)"
cat >"$release_next/apps/api/migrations/0999_rehearsal_only.sql" <<'SQL'
create table rehearsal_only (id integer primary key);
SQL

export DATABASE_URL="$db_url" DATA_DIR="$work/data" BACKUP_DIR="$work/backups" PORT="$port" HOST=127.0.0.1 \
  PUBLIC_URL="http://127.0.0.1:${port}" NODE_ENV=production LOG_LEVEL=warn JOBS_ENABLED=false
cli() { node "$1/apps/api/dist/cli.js" "${@:2}"; }
start() {
  node "$1/apps/api/dist/main.js" >>"$work/api.log" 2>&1 &
  api_pid=$!
  for _ in $(seq 1 60); do
    curl -fs "http://127.0.0.1:${port}/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$api_pid" 2>/dev/null || return 1
    sleep 0.5
  done
  return 1
}
stop() { kill "$api_pid" && wait "$api_pid" 2>/dev/null || true; api_pid=""; }
smoke() {
  if [ -x ops/smoke-test.sh ]; then
    SMOKE_EMAIL="$email" SMOKE_PASSWORD="$password" ops/smoke-test.sh "http://127.0.0.1:${port}"
  else
    curl -fs "http://127.0.0.1:${port}/health" >/dev/null
    curl -fs "http://127.0.0.1:${port}/health/ready" | grep -q '"database":"ok"'
    curl -fs -o /dev/null -X POST "http://127.0.0.1:${port}/api/auth/login" -H 'content-type: application/json' \
      -d "{\"email\":\"${email}\",\"password\":\"${password}\"}"
    echo "smoke: /health, /health/ready and a login answered"
  fi
}

step "release N: migrate, start, a client signs up"
psql -q "$admin_url" -c "create database ${db}"
cli "$release_n" migrate | tail -n 1
start "$release_n"
email="rehearsal-$$@example.fr"
password="Rehearsal-password-42"
curl -fs -o /dev/null -X POST "http://127.0.0.1:${port}/api/auth/signup/client" -H 'content-type: application/json' \
  -H "origin: http://127.0.0.1:${port}" \
  -d "{\"email\":\"${email}\",\"password\":\"${password}\",\"companyName\":\"Répétition SAS\",\"siren\":\"732829320\",\"firstName\":\"Anne\",\"lastName\":\"Martin\",\"phone\":\"+33 6 12 34 56 78\",\"acceptTerms\":true,\"acceptPrivacy\":true}"
smoke

step "deploy N+1: backup first, migrate, start, smoke test"
cli "$release_n" backup
pre_deploy="$(ls "$BACKUP_DIR" | grep -E 'Z$' | tail -n 1)"
stop
cli "$release_next" migrate | tail -n 2
start "$release_next"
smoke
psql -qtA "$db_url" -c "select 'N+1 table present: ' || (to_regclass('rehearsal_only') is not null)"

step "roll back to N: N refuses the newer schema, so restore the pre-deploy backup"
stop
if start "$release_n"; then
  echo "release N started on the N+1 schema: the rollback check is wrong" >&2
  exit 1
fi
grep -m1 -o 'cannot start: .*' "$work/api.log" || true
cli "$release_n" restore "$pre_deploy" --yes
start "$release_n"
smoke
present="$(psql -qtA "$db_url" -c "select count(*) from users where email = '${email}'")"
gone="$(psql -qtA "$db_url" -c "select to_regclass('rehearsal_only') is null")"
[ "$present" = "1" ] && [ "$gone" = "t" ] || { echo "rollback left the wrong data (user: $present, table gone: $gone)" >&2; exit 1; }
echo "rollback ok: release N serves the pre-deploy data (the client is there, the N+1 table is gone)"
