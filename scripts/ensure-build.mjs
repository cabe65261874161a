// Builds the web app and the API bundle when they are missing or older than their sources, so
// `npm start` works on a fresh clone and stays instant on later starts.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const sources = [
  'apps/api/src',
  'apps/api/build.mjs',
  'apps/web/src',
  'apps/web/index.html',
  'apps/web/public',
  'apps/web/vite.config.ts',
  'packages/contracts/src',
  'packages/domain/src',
  'package-lock.json',
];
const outputs = ['apps/api/dist/main.js', 'apps/api/dist/cli.js', 'apps/web/dist/index.html'];

function newestMtime(target) {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target))
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

const sourceTime = Math.max(...sources.map((source) => newestMtime(path.join(root, source))));
const outputTimes = outputs.map((output) => {
  const file = path.join(root, output);
  return fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0;
});
if (Math.min(...outputTimes) >= sourceTime) process.exit(0);

console.log('Building FinancialTracker (first start or sources changed)…');
const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
