import { resolve } from 'node:path';
import { ConditionalCache } from '@ecosystem-dispatcher/github';
import type { CommandIO } from './io.js';

export interface RequestCache {
  /** In memory for this run, or loaded from `--cache FILE`. */
  cache: ConditionalCache;
  /** Writes the file back (a no-op without `--cache`); a failure is a warning, never a failed run. */
  save(): Promise<void>;
}

/**
 * `--cache FILE`: the ETags and bodies of GET answers, kept between runs so a scheduled run
 * revalidates with conditional requests (304s cost no primary budget). Without the flag the
 * cache lives for one run.
 */
export async function openRequestCache(file: string | undefined, io: Pick<CommandIO, 'cwd' | 'stderr'>): Promise<RequestCache> {
  if (!file) return { cache: new ConditionalCache(), save: async () => {} };
  const path = resolve(io.cwd, file);
  const cache = await ConditionalCache.load(path);
  return {
    cache,
    async save() {
      try {
        await cache.save(path);
      } catch (error) {
        io.stderr.write(`warning: could not write the request cache ${file}: ${(error as Error).message}\n`);
      }
    },
  };
}
