import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';

/** The repository's examples/ folder, where users look for sample files. */
export const EXAMPLES_DIR = fileURLToPath(new URL('../../../../examples/', import.meta.url));
export const LINT_EXAMPLES_DIR = join(EXAMPLES_DIR, 'lint');
export const EXAMPLE_MONOREPO_DIR = join(EXAMPLES_DIR, 'monorepo');

/** Every file under `dir`, relative and with "/" separators, like `git ls-files` prints them. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
}
