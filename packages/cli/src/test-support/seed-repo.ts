import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Sim } from '@ecosystem-dispatcher/github-sim';

/** Creates `name` in github-sim with one commit of `files`, written first to a folder of its own under `dir`. */
export async function seedRepo(sim: Sim, dir: string, name: string, files: Record<string, string>): Promise<void> {
  const seedDir = join(dir, `seed-${name.split('/')[1]}`);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(seedDir, path, '..'), { recursive: true });
    await writeFile(join(seedDir, path), content);
  }
  await sim.createRepo(name, { fromDir: seedDir });
}
