import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirInUseError } from './data-dir-lock';
import { openDatabase } from './database';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('embedded data directory ownership', () => {
  it('refuses a second opener while the first holds the directory, then lets it in after close', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ft-lock-'));
    dirs.push(dir);
    const first = await openDatabase({ kind: 'embedded', dataDir: dir });
    await expect(openDatabase({ kind: 'embedded', dataDir: dir })).rejects.toThrow(DataDirInUseError);
    await expect(openDatabase({ kind: 'embedded', dataDir: dir })).rejects.toThrow(/Stop the server first/);
    await first.close();

    const second = await openDatabase({ kind: 'embedded', dataDir: dir });
    await second.ping();
    await second.close();
  });

  it('takes over a lock left behind by a process that no longer exists', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ft-lock-'));
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'owner.lock'), '999999999');
    const handle = await openDatabase({ kind: 'embedded', dataDir: dir });
    await handle.ping();
    await handle.close();
  });
});
