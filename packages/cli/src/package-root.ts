import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of the cli's package.json, found from the running file: `src/commands/`
 * in the workspace, `dist/` in the published bundle, whose chunks sit at another depth.
 */
function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return dir;
}

export const PACKAGE_ROOT = findPackageRoot();

/** The example monorepo the demo starts from, shipped inside the package by scripts/bundle.mjs. */
export const EXAMPLE_MONOREPO = join(PACKAGE_ROOT, 'examples', 'monorepo');
