import { splitNul } from '@ecosystem-dispatcher/core';
import { SUBMODULE_MODE, type TreeEntry } from '../tree-entries.js';
import { destinationOf, upstreamState, type ApplyContext } from './context.js';
import { emptyOutcome, type ApplyOutcome } from './outcome.js';
import { sameState } from './worktree-files.js';

/**
 * Mirrors the feature into its destination: every upstream file written as upstream has
 * it, every other file of the destination folder deleted. When the destination is the
 * cousin's root, only files upstream deleted since the baseline are removed: the root
 * also holds the cousin's own files (README, workflows, subscriptions.json).
 */
export async function applyMirror(snapshot: readonly TreeEntry[], baseline: readonly TreeEntry[] | undefined, ctx: ApplyContext): Promise<ApplyOutcome> {
  const outcome = emptyOutcome();
  const wanted = new Map<string, TreeEntry>();
  for (const entry of snapshot) {
    if (entry.mode === SUBMODULE_MODE) outcome.skipped.push({ path: entry.path, reason: 'submodules are not synced' });
    else wanted.set(destinationOf(ctx, entry.path), entry);
  }
  for (const path of await filesToDelete(wanted, baseline, ctx)) {
    await ctx.files.remove(path);
    outcome.deleted.push(path);
  }
  for (const [path, entry] of wanted) {
    const state = upstreamState(ctx.blobs, entry.mode, entry.oid);
    if (sameState(await ctx.files.read(path), state)) continue;
    await ctx.files.write(path, state);
    outcome.written.push(path);
  }
  return outcome;
}

async function filesToDelete(wanted: Map<string, TreeEntry>, baseline: readonly TreeEntry[] | undefined, ctx: ApplyContext): Promise<string[]> {
  const candidates =
    ctx.to === ''
      ? (baseline ?? []).map((entry) => destinationOf(ctx, entry.path))
      : splitNul(await ctx.git.output(['ls-files', '-z', '--', ctx.to]));
  return candidates.filter((path) => !wanted.has(path));
}
