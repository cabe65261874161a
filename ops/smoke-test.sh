#!/usr/bin/env bash
# Smoke test of a running deployment: ops/smoke-test.sh https://app.example.fr
#
# Checks the SPA (200, HTML), liveness (/health 200), readiness (/health/ready with the database
# ok) and a sign-in round trip (login, /api/auth/me, logout) with SMOKE_EMAIL / SMOKE_PASSWORD. It
# creates nothing: the session it opens is revoked at the end. Exits non-zero on the first failure.
# SMOKE_SKIP_LOGIN=true skips the sign-in (for a deployment with no account yet). Needs bash, curl.
set -euo pipefail

BASE_URL="${1:-${BASE_URL:-}}"
if [ -z "$BASE_URL" ]; then
  echo "usage: $0 BASE_URL   (with SMOKE_EMAIL and SMOKE_PASSWORD set)" >&2
  exit 2
fi
BASE_URL="${BASE_URL%/}"
TIMEOUT="${SMOKE_TIMEOUT:-10}"
body="$(mktemp)"
trap 'rm -f "$body"' EXIT

fail() {
  echo "FAIL  $1" >&2
  exit 1
}
ok() { echo "ok    $1"; }

# request METHOD PATH [curl args…] → prints the status code; the body is in $body.
request() {
  local method="$1" path="$2"
  shift 2
  local code
  code="$(curl --silent --show-error --max-time "$TIMEOUT" --output "$body" --write-out '%{http_code}' \
    --request "$method" "$@" "$BASE_URL$path")" || true
  echo "${code:-000}"
}

status="$(request GET / --header 'Accept: text/html')"
[ "$status" = "200" ] || fail "frontend: GET / answered $status"
grep -qi '<!doctype html' "$body" || fail "frontend: GET / is not an HTML page"
ok "frontend serves HTML"

status="$(request GET /health)"
[ "$status" = "200" ] || fail "liveness: GET /health answered $status"
grep -q '"status":"ok"' "$body" || fail "liveness: unexpected body $(head -c 200 "$body")"
ok "liveness /health"

status="$(request GET /health/ready)"
[ "$status" = "200" ] || fail "readiness: GET /health/ready answered $status: $(head -c 200 "$body")"
grep -q '"database":"ok"' "$body" || fail "readiness: database not ok: $(head -c 200 "$body")"
ok "readiness /health/ready (database ok)"

if [ "${SMOKE_SKIP_LOGIN:-false}" = "true" ]; then
  echo "skip  sign-in round trip (SMOKE_SKIP_LOGIN=true)"
  exit 0
fi
if [ -z "${SMOKE_EMAIL:-}" ] || [ -z "${SMOKE_PASSWORD:-}" ]; then
  fail "sign-in: set SMOKE_EMAIL and SMOKE_PASSWORD (or SMOKE_SKIP_LOGIN=true)"
fi
# JSON-escape the credentials' backslashes and quotes.
json_string() { printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g'; }
payload="{\"email\":\"$(json_string "$SMOKE_EMAIL")\",\"password\":\"$(json_string "$SMOKE_PASSWORD")\"}"
status="$(request POST /api/auth/login --header 'Content-Type: application/json' --data "$payload")"
[ "$status" = "200" ] || fail "sign-in: POST /api/auth/login answered $status: $(head -c 200 "$body")"
token="$(sed -n 's/.*"token":"\([^"]*\)".*/\1/p' "$body")"
[ -n "$token" ] || fail "sign-in: no session token in the login response"

status="$(request GET /api/auth/me --header "Authorization: Bearer $token")"
[ "$status" = "200" ] || fail "sign-in: GET /api/auth/me answered $status with the new session"
grep -qiF "\"email\":\"$(json_string "$SMOKE_EMAIL")\"" "$body" || fail "sign-in: /api/auth/me names another account"

status="$(request POST /api/auth/logout --header "Authorization: Bearer $token")"
case "$status" in 200 | 204) ;; *) fail "sign-in: POST /api/auth/logout answered $status" ;; esac
status="$(request GET /api/auth/me --header "Authorization: Bearer $token")"
[ "$status" = "401" ] || fail "sign-in: the session still works after logout ($status)"
ok "sign-in round trip (login, me, logout)"
echo "smoke test passed: $BASE_URL"
