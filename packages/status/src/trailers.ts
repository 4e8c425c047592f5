import { repoKey } from '@ecosystem-dispatcher/core';
import { TRAILER_COMMIT, TRAILER_FEATURE, TRAILER_REPO } from '@ecosystem-dispatcher/sync';

/** One `Upstream-*` trailer block found in a commit message. */
export interface TrailerBlock {
  repo: string;
  commit: string;
  features: string[];
}

const TRAILER_LINE = /^([A-Za-z0-9-]+):[ \t]*(.*?)\s*$/;
const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/**
 * The `Upstream-*` trailer blocks of a commit message, oldest first. A block is one
 * paragraph holding all three keys. A plain sync commit has one block at its end; a
 * squash-merged sync PR carries one per squashed commit, in commit order, so the last
 * block is the newest. Prose that merely mentions a key never forms a block.
 */
export function parseTrailerBlocks(message: string): TrailerBlock[] {
  const blocks: TrailerBlock[] = [];
  for (const paragraph of message.replace(/\r\n/g, '\n').split(/\n[ \t]*\n/)) {
    const values = new Map<string, string[]>();
    for (const line of paragraph.split('\n')) {
      const match = TRAILER_LINE.exec(line.replace(/^[ \t]*(?:[*-][ \t]+)?/, ''));
      if (!match) continue;
      const key = match[1]!.toLowerCase();
      values.set(key, [...(values.get(key) ?? []), match[2]!]);
    }
    const repo = values.get(TRAILER_REPO.toLowerCase())?.at(-1);
    const commit = values.get(TRAILER_COMMIT.toLowerCase())?.at(-1);
    const features = values.get(TRAILER_FEATURE.toLowerCase()) ?? [];
    if (repo && commit && SHA.test(commit) && features.length > 0) blocks.push({ repo, commit, features });
  }
  return blocks;
}

/** The upstream commit a message records for this monorepo and feature, if any. */
export function syncedCommitIn(message: string, upstream: string, feature: string): string | undefined {
  const matching = parseTrailerBlocks(message).filter((b) => repoKey(b.repo) === repoKey(upstream) && b.features.includes(feature));
  return matching.at(-1)?.commit;
}
