import { randomBytes } from 'node:crypto';
import { mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '@ecosystem-dispatcher/core';

export interface FileWrite {
  absolute: string;
  content: string;
}

/**
 * Writes every file to a temporary sibling first and renames them into place only when
 * all were written: a full disk or a read-only folder leaves the old files as they were.
 */
export async function writeFilesAtomically(files: readonly FileWrite[]): Promise<void> {
  const staged: { temp: string; absolute: string }[] = [];
  try {
    for (const file of files) {
      await mkdir(path.dirname(file.absolute), { recursive: true });
      const temp = path.join(path.dirname(file.absolute), `.${path.basename(file.absolute)}.${randomBytes(6).toString('hex')}.tmp`);
      staged.push({ temp, absolute: file.absolute });
      await writeFile(temp, file.content, { flag: 'wx', mode: await modeOf(file.absolute) });
    }
  } catch (error) {
    // Best effort: the temporary files may not all exist; the original error is the one to report.
    await Promise.all(staged.map(({ temp }) => unlink(temp).catch(() => undefined)));
    throw new UsageError(`cannot write ${staged[staged.length - 1]?.absolute ?? 'files'}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  for (const { temp, absolute } of staged) await rename(temp, absolute);
}

/** An existing file keeps its permissions (an executable stays executable). */
async function modeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).mode & 0o777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0o644;
    throw error;
  }
}
