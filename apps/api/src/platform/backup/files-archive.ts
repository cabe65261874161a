import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { create, extract, list } from 'tar';

// Uploads in progress live in tmp/ until they are renamed into place: never part of a backup.
const EXCLUDED = new Set(['tmp']);

type ArchiveSummary = { count: number; bytes: number };

function walk(dir: string, base = ''): { relative: string; bytes: number }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = base ? `${base}/${entry.name}` : entry.name;
    if (!base && EXCLUDED.has(entry.name)) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return walk(full, relative);
    return entry.isFile() ? [{ relative, bytes: fs.statSync(full).size }] : [];
  });
}

/** A gzip'd tar of the stored files (paths relative to the storage root). */
export async function archiveFiles(filesDir: string, archive: string): Promise<ArchiveSummary> {
  const files = fs.existsSync(filesDir) ? walk(filesDir) : [];
  if (files.length === 0) {
    // tar refuses to create, and to read back, an archive without entries: store the empty root.
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'ft-empty-'));
    try {
      await create({ gzip: true, file: archive, cwd: empty, portable: true }, ['.']);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
    return { count: 0, bytes: 0 };
  }
  await create(
    { gzip: true, file: archive, cwd: filesDir, portable: true },
    files.map((file) => file.relative),
  );
  return { count: files.length, bytes: files.reduce((sum, file) => sum + file.bytes, 0) };
}

export async function countArchivedFiles(archive: string): Promise<number> {
  let count = 0;
  await list({
    file: archive,
    onReadEntry: (entry) => {
      if (entry.type === 'File') count++;
    },
  });
  return count;
}

export async function extractFiles(archive: string, destination: string): Promise<void> {
  fs.mkdirSync(destination, { recursive: true });
  await extract({ file: archive, cwd: destination, strict: true });
}
