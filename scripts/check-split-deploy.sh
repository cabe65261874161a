#!/usr/bin/env bash
# Proves the split front/back deployment on this machine: the SPA is built with the API's URL and
# served alone by nginx with ops/nginx-spa.conf (its CSP), the API runs on another origin with
# CORS_ORIGIN naming the SPA, and Chromium logs in through it (scripts/split-deploy-browser.mjs).
# Usage: scripts/check-split-deploy.sh [API_PORT] [SPA_PORT]   (defaults 5201 and 5202)
set -euo pipefail
cd "$(dirname "$0")/.."
api_port="${1:-5201}"
spa_port="${2:-5202}"
api_origin="http://localhost:${api_port}"
spa_origin="http://localhost:${spa_port}"
work="$(mktemp -d)"
# nginx workers run as an unprivileged user: they must be able to read the built SPA.
chmod 755 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

command -v nginx >/dev/null || { echo "nginx is needed: apt-get install -y nginx" >&2; exit 1; }

echo "== SPA built with VITE_API_URL=${api_origin}"
VITE_API_URL="$api_origin" npx vite build --config apps/web/vite.config.ts --outDir "$work/web" --emptyOutDir --logLevel warn

echo "== API on ${api_origin}, allowing ${spa_origin}"
node scripts/ensure-build.mjs
DATA_DIR="$work/data" PORT="$api_port" HOST=127.0.0.1 PUBLIC_URL="$api_origin" CORS_ORIGIN="$spa_origin" \
  LOG_LEVEL=warn JOBS_ENABLED=false node apps/api/dist/main.js >"$work/api.log" 2>&1 &
pids+=($!)

echo "== SPA served by nginx (ops/nginx-spa.conf) on ${spa_origin}"
sed -e "s#https://api.example.fr#${api_origin}#g" -e "s#wss://api.example.fr#ws://localhost:${api_port}#g" \
  -e "s#listen 8081;#listen 127.0.0.1:${spa_port};#" -e "s#/srv/financialtracker/web#${work}/web#" \
  ops/nginx-spa.conf >"$work/nginx.conf"
mkdir -p "$work/logs"
nginx -p "$work" -c "$work/nginx.conf" -g "pid $work/nginx.pid; daemon off; error_log $work/logs/error.log;" &
pids+=($!)

for _ in $(seq 1 60); do
  curl -fs "${api_origin}/health/ready" >/dev/null 2>&1 && curl -fs "${spa_origin}/" >/dev/null 2>&1 && break
  sleep 1
done
curl -fs "${api_origin}/health/ready" >/dev/null || { cat "$work/api.log"; exit 1; }

echo "== CORS preflight from ${spa_origin}"
allowed="$(curl -s -o /dev/null -D - -X OPTIONS "${api_origin}/api/auth/login" \
  -H "Origin: ${spa_origin}" -H 'Access-Control-Request-Method: POST' \
  -H 'Access-Control-Request-Headers: content-type' | tr -d '\r' | grep -i '^access-control-allow-origin:' || true)"
[ "$allowed" = "access-control-allow-origin: ${spa_origin}" ] || { echo "CORS not allowed: '$allowed'" >&2; exit 1; }
other="$(curl -s -o /dev/null -D - "${api_origin}/api/health" -H 'Origin: https://evil.example' | grep -ci '^access-control-allow-origin' || true)"
[ "$other" = "0" ] || { echo "another origin got CORS headers" >&2; exit 1; }
echo "CORS: ${spa_origin} allowed with credentials, other origins get no CORS headers"

echo "== browser"
node scripts/split-deploy-browser.mjs "$spa_origin" "$api_origin" "$work/data/demo-accounts.txt" "${SCREENSHOT:-}"
