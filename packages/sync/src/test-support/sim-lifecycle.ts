import { afterAll, beforeAll } from 'vitest';
import { startSim, type Sim } from '@ecosystem-dispatcher/github-sim';
import { Scratch } from './repos.js';

/**
 * Starts one github-sim (GitHub's strict defaults) and one scratch folder before a test file's tests,
 * hands both to `use`, and closes and removes them after the file's last test.
 */
export function useSimAndScratch(use: (sim: Sim, scratch: Scratch) => void): void {
  let sim: Sim | undefined;
  let scratch: Scratch | undefined;
  beforeAll(async () => {
    sim = await startSim();
    scratch = await Scratch.create();
    use(sim, scratch);
  });
  afterAll(async () => {
    await sim?.close();
    await scratch?.remove();
  });
}
