import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';

// Schema checks of the deployment files, so they are validated even where promtool, nginx and
// Docker are not installed (ops/check-configs.sh runs the real tools where they are).
const OPS = fileURLToPath(new URL('../../../ops/', import.meta.url));
const readYaml = (file: string): unknown => parse(fs.readFileSync(`${OPS}${file}`, 'utf8'));

const ruleSchema = z.object({
  alert: z.string().regex(/^[A-Z][A-Za-z0-9]+$/),
  expr: z.string().min(5),
  for: z.string().regex(/^\d+[smh]$/),
  labels: z.object({ severity: z.enum(['critical', 'warning']) }),
  annotations: z.object({ summary: z.string().min(10) }).loose(),
});
const alertsSchema = z.object({
  groups: z.array(z.object({ name: z.string(), rules: z.array(ruleSchema).min(1) })).min(1),
});

describe('alert rules', () => {
  const alerts = alertsSchema.parse(readYaml('prometheus/alerts.yml'));
  const rules = alerts.groups.flatMap((group) => group.rules);

  it('has every rule the operations need, each with expr, for, severity and summary', () => {
    expect(rules.map((rule) => rule.alert).sort()).toEqual([
      'BackupTooOld',
      'HighErrorRate',
      'HighLatencyP95',
      'InstanceDown',
      'ReadinessFailing',
      'UptimeCheckFailing',
    ]);
  });

  it('uses the thresholds of the runbook', () => {
    const expr = (name: string) =>
      rules
        .find((rule) => rule.alert === name)
        ?.expr.replace(/\s+/g, ' ')
        .trim() ?? '';
    expect(expr('HighErrorRate')).toMatch(/status=~"5\.\."}\[5m\].*> 0\.05/);
    expect(expr('HighLatencyP95')).toMatch(
      /histogram_quantile\(0\.95,.*http_request_duration_seconds_bucket.*> 2$/,
    );
    expect(expr('InstanceDown')).toContain('up{job="financialtracker-api"} == 0');
    expect(expr('BackupTooOld')).toContain('ft_backup_last_success_timestamp_seconds) > 26 * 3600');
  });

  it('is scraped by the Prometheus configuration', () => {
    const config = z
      .object({
        rule_files: z.array(z.string()),
        scrape_configs: z.array(z.object({ job_name: z.string() }).loose()),
      })
      .parse(readYaml('prometheus/prometheus.yml'));
    expect(config.rule_files).toContain('alerts.yml');
    expect(config.scrape_configs.map((job) => job.job_name)).toEqual([
      'financialtracker-api',
      'financialtracker-readiness',
      'financialtracker-uptime',
    ]);
    const modules = Object.keys(
      z.object({ modules: z.record(z.string(), z.unknown()) }).parse(readYaml('blackbox/blackbox.yml'))
        .modules,
    );
    expect(modules).toEqual(['http_2xx', 'http_ready', 'http_frontend']);
  });
});

describe('compose file', () => {
  const service = z
    .object({
      image: z.string().optional(),
      healthcheck: z.object({ test: z.unknown().optional(), disable: z.boolean().optional() }).optional(),
      depends_on: z.record(z.string(), z.object({ condition: z.string() })).optional(),
      deploy: z.object({ replicas: z.number() }).optional(),
      command: z.array(z.string()).optional(),
      profiles: z.array(z.string()).optional(),
    })
    .loose();
  const compose = z
    .object({ services: z.record(z.string(), service), volumes: z.record(z.string(), z.unknown()) })
    .parse(readYaml('compose.yaml'));
  const { services } = compose;

  it('runs 2 API replicas behind nginx, PostgreSQL 15 and Redis, each with a health check', () => {
    expect(services.api?.deploy?.replicas).toBe(2);
    expect(services.lb?.image).toMatch(/^nginx:/);
    expect(services.postgres?.image).toBe('postgres:15');
    expect(services.redis?.image).toMatch(/^redis:/);
    for (const name of ['api', 'lb', 'postgres', 'redis']) {
      expect(services[name]?.healthcheck?.test, name).toBeDefined();
    }
  });

  it('applies migrations once, before any API replica starts', () => {
    expect(services.migrate?.command).toEqual(['node', 'apps/api/dist/cli.js', 'migrate']);
    expect(services.migrate?.deploy).toBeUndefined();
    expect(services.api?.depends_on?.migrate?.condition).toBe('service_completed_successfully');
    expect(services.api?.depends_on?.postgres?.condition).toBe('service_healthy');
    expect(services.lb?.depends_on?.api?.condition).toBe('service_healthy');
  });

  it('mounts the load-balancer configuration and the Dockerfile has the required shape', () => {
    expect(JSON.stringify(services.lb)).toContain('./nginx.conf:/etc/nginx/nginx.conf:ro');
    const dockerfile = fs.readFileSync(`${OPS}../Dockerfile`, 'utf8');
    expect(dockerfile.match(/^FROM node:20-slim AS \w+/gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n.*\/health/m);
    expect(dockerfile).toContain('npm ci --omit=dev');
  });
});

describe('load balancer', () => {
  const nginx = fs.readFileSync(`${OPS}nginx.conf`, 'utf8');

  it('upgrades WebSockets on /api/realtime and forwards the client address and scheme', () => {
    const realtime = /location \/api\/realtime \{([^}]*)\}/.exec(nginx)?.[1] ?? '';
    expect(realtime).toContain('proxy_set_header Upgrade $http_upgrade;');
    expect(realtime).toContain('proxy_set_header Connection $connection_upgrade;');
    for (const header of ['X-Forwarded-For', 'X-Forwarded-Proto', 'X-Forwarded-Host']) {
      expect(realtime).toContain(`proxy_set_header ${header}`);
      expect(nginx.split('location')[0]).toContain(`proxy_set_header ${header}`);
    }
  });
});
