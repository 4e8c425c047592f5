import { existsSync } from 'node:fs';
import { readdir, readFile, realpath, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '@ecosystem-dispatcher/core';
import { describe, expect, it } from 'vitest';
import { safeTarget } from './file-plan.js';
import { tempDir } from './test-support/cli.js';
import { writeFilesAtomically } from './write-files.js';

describe('writeFilesAtomically', () => {
  it('writes every file, creating folders', async () => {
    const dir = await tempDir();
    await writeFilesAtomically([
      { absolute: path.join(dir, 'a.txt'), content: 'a\n' },
      { absolute: path.join(dir, 'deep/er/b.txt'), content: 'b\n' },
    ]);
    expect(await readFile(path.join(dir, 'a.txt'), 'utf8')).toBe('a\n');
    expect(await readFile(path.join(dir, 'deep/er/b.txt'), 'utf8')).toBe('b\n');
  });

  it('leaves the old files and no temporary ones when one file cannot be written', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'a.txt'), 'old\n');
    await writeFile(path.join(dir, 'blocker'), 'a file where a folder should be\n');
    const writing = writeFilesAtomically([
      { absolute: path.join(dir, 'a.txt'), content: 'new\n' },
      { absolute: path.join(dir, 'blocker/b.txt'), content: 'b\n' },
    ]);
    await expect(writing).rejects.toThrow(UsageError);
    expect(await readFile(path.join(dir, 'a.txt'), 'utf8')).toBe('old\n');
    expect((await readdir(dir)).sort()).toEqual(['a.txt', 'blocker']);
  });
});

describe('safeTarget', () => {
  it('refuses paths that leave the folder', async () => {
    const dir = await tempDir();
    await expect(safeTarget(dir, '../x')).rejects.toThrow(/outside/);
    await expect(safeTarget(dir, '/etc/passwd')).rejects.toThrow(/outside/);
    expect(await safeTarget(dir, 'a/b.txt')).toBe(path.join(await realpath(dir), 'a/b.txt'));
    expect(existsSync(path.join(dir, 'a'))).toBe(false);
  });
});
