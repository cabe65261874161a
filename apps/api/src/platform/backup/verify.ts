import path from 'node:path';
import { findCorruptFiles } from './checksums';
import { countArchivedFiles } from './files-archive';
import type { BackupEntry } from './layout';
import { compareRowCounts, countRows, type RowCountMismatch } from './row-counts';
import { type ServerTarget, withScratchCopy } from './scratch';

export type VerifyReport = {
  name: string;
  corruptFiles: string[];
  tableMismatches: RowCountMismatch[];
  tablesChecked: number;
  files: { expected: number; actual: number | null };
  ok: boolean;
};

/**
 * Proves a backup can be restored: archives match their checksums, the dump restores into a
 * scratch database with the row count recorded for every table, the files archive reads back whole.
 */
export async function verifyBackup(
  entry: BackupEntry,
  server: ServerTarget | undefined,
): Promise<VerifyReport> {
  const { manifest } = entry;
  const corruptFiles = await findCorruptFiles(entry.dir, manifest);
  const expectedFiles = manifest.uploadedFiles.count;
  if (corruptFiles.length > 0) {
    return {
      name: entry.name,
      corruptFiles,
      tableMismatches: [],
      tablesChecked: 0,
      files: { expected: expectedFiles, actual: null },
      ok: false,
    };
  }
  const actual = await withScratchCopy(entry, server, (db) => countRows(db));
  const tableMismatches = compareRowCounts(manifest.tables, actual);
  const filesCount = await countArchivedFiles(path.join(entry.dir, manifest.uploadedFiles.file));
  return {
    name: entry.name,
    corruptFiles,
    tableMismatches,
    tablesChecked: Object.keys(actual).length,
    files: { expected: expectedFiles, actual: filesCount },
    ok: tableMismatches.length === 0 && filesCount === expectedFiles,
  };
}
