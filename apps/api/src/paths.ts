import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

// Resolved from this module's location; the same from `src/` (tests, dev) and from the bundle in
// `dist/`, because both sit one level below apps/api.
export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));
export const DEFAULT_WEB_DIST_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

export function readAppVersion(): string {
  const manifest = JSON.parse(fs.readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    version?: string;
  };
  return manifest.version ?? '0.0.0';
}
