import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Manifest } from './layout';

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

export async function checksumFiles(dir: string, names: string[]): Promise<Manifest['checksums']> {
  const checksums: Manifest['checksums'] = {};
  for (const name of names) {
    const file = path.join(dir, name);
    checksums[name] = { sha256: await sha256File(file), bytes: fs.statSync(file).size };
  }
  return checksums;
}

/** Same format as `sha256sum`, so an operator can check a copy with `sha256sum -c SHA256SUMS`. */
export function formatSums(checksums: Manifest['checksums']): string {
  return Object.entries(checksums)
    .map(([name, { sha256 }]) => `${sha256}  ${name}\n`)
    .join('');
}

/** Names of the archives whose content no longer matches the manifest. */
export async function findCorruptFiles(dir: string, manifest: Manifest): Promise<string[]> {
  const corrupt: string[] = [];
  for (const [name, expected] of Object.entries(manifest.checksums)) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file) || (await sha256File(file)) !== expected.sha256) corrupt.push(name);
  }
  return corrupt;
}
