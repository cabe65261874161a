#!/usr/bin/env bash
# Validates the deployment configuration with the real tools where this machine has them:
# nginx -t on ops/nginx.conf, promtool on the Prometheus config and alert rules, the blackbox
# exporter on its modules. A missing tool is reported and skipped (the YAML schema tests in
# apps/api/test/deployment-config.test.ts run everywhere); an invalid file fails.
set -euo pipefail
cd "$(dirname "$0")/.."

checked=0
if command -v nginx >/dev/null 2>&1; then
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  # Docker's resolver address only exists in a container; resolution happens per request, so
  # the syntax check does not need it.
  for conf in ops/nginx.conf ops/nginx-spa.conf; do
    nginx -t -q -p "$tmp" -c "$PWD/$conf" -g "pid $tmp/nginx.pid;"
    echo "nginx -t: $conf ok"
  done
  checked=$((checked + 1))
else
  echo "nginx not installed: ops/nginx.conf not checked by nginx -t (apt-get install nginx)"
fi

if command -v promtool >/dev/null 2>&1; then
  promtool check rules ops/prometheus/alerts.yml
  # prometheus.yml names the rules file relative to itself, as in the container.
  promtool check config --syntax-only ops/prometheus/prometheus.yml
  promtool test rules ops/prometheus/alerts.test.yml
  checked=$((checked + 1))
else
  echo "promtool not installed: alert rules checked by the YAML schema test only (apt-get install prometheus)"
fi

if command -v prometheus-blackbox-exporter >/dev/null 2>&1; then
  prometheus-blackbox-exporter --config.check --config.file=ops/blackbox/blackbox.yml
  checked=$((checked + 1))
fi
echo "deployment configuration: $checked tool check(s) passed"
