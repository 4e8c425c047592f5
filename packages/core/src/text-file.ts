import { readFile } from 'node:fs/promises';
import { UsageError } from './errors.js';

/**
 * A file's text; a missing or unreadable file is a usage error (exit 2) naming it as the
 * user wrote it (`shownAs`), with the system's reason code.
 */
export async function readTextFile(file: string, shownAs: string = file): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${shownAs}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
