import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Git } from '@ecosystem-dispatcher/core';

export interface MergedText {
  data: Buffer;
  /** Number of conflict hunks written with standard markers. */
  conflicts: number;
}

/**
 * git's own line-level 3-way merge of one file (`git merge-file`), with the sides named
 * in the markers so a reviewer can tell the cousin's lines from upstream's.
 */
export async function mergeFileContents(git: Git, ours: Buffer, base: Buffer, theirs: Buffer, upstreamLabel: string): Promise<MergedText> {
  const dir = await mkdtemp(join(tmpdir(), 'ecosystem-merge-'));
  try {
    const [oursFile, baseFile, theirsFile] = ['ours', 'base', 'theirs'].map((name) => join(dir, name)) as [string, string, string];
    await Promise.all([writeFile(oursFile, ours), writeFile(baseFile, base), writeFile(theirsFile, theirs)]);
    // Exit code: the number of conflicts (capped at 127); negative/128+ is an error.
    const result = await git.run(['merge-file', '-L', 'cousin', '-L', 'baseline', '-L', upstreamLabel, oursFile, baseFile, theirsFile], {
      okCodes: Array.from({ length: 127 }, (_, i) => i + 1),
    });
    return { data: await readFile(oursFile), conflicts: result.code };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
