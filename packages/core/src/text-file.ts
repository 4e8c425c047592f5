import { readFile } from 'node:fs/promises';
import { UsageError } from './errors.js';

/**
 * A file's text; a missing or unreadable file is a usage error (exit 2) naming it as the
 * user wrote it (`shownAs`), with the reason in words.
 */
export async function readTextFile(file: string, shownAs: string = file): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${shownAs}: ${unreadableReason(error)}`);
  }
}

const REASONS: Record<string, string> = { ENOENT: 'no such file', EISDIR: 'is a directory', EACCES: 'permission denied', ENOTDIR: 'a parent is not a directory' };

/** The one wording every command uses for a file it cannot read. */
export function unreadableReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return (code && REASONS[code]) ?? code ?? (error as Error).message;
}
