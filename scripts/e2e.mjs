// Runs the browser tests against the built app in headless Chromium. `npm test` skips them (saying so)
// when no Chromium is installed; with --required or CI=true a missing Chromium is a failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const required = process.argv.includes('--required') || process.env.CI === 'true';
const candidates = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];
const chromium = candidates.find((candidate) => candidate && fs.existsSync(candidate));

if (!chromium) {
  const message =
    'Browser tests skipped: no Chromium found (install it, e.g. `apt-get install -y chromium`, or set CHROMIUM_PATH).';
  if (required) {
    console.error(message.replace('skipped', 'cannot run'));
    process.exit(1);
  }
  console.log(message);
  process.exit(0);
}

const build = spawnSync('node', ['scripts/ensure-build.mjs'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const run = spawnSync('npx', ['vitest', 'run', '--config', 'e2e/vitest.config.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CHROMIUM_PATH: chromium },
});
process.exit(run.status ?? 1);
