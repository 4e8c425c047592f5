import { splitNul } from '@ecosystem-dispatcher/core';
import type { TreeEntry } from '../tree-entries.js';
import { destinationOf, upstreamState, type ApplyContext } from './context.js';
import { emptyOutcome, type ApplyOutcome } from './outcome.js';
import { placeUpstream, removeForUpstream } from './placement.js';
import { sameState } from './worktree-files.js';

/**
 * Mirrors the feature into its destination: every upstream file written as upstream has
 * it, every other file of the destination folder deleted. When the destination is the
 * cousin's root, only files upstream deleted since the baseline are removed: the root
 * also holds the cousin's own files (README, workflows, subscriptions.json). Protected
 * paths are never written or deleted (placement.ts); a conflict names them only when
 * upstream changed them since the baseline, so an unchanged LICENSE is not reported again.
 */
export async function applyMirror(snapshot: readonly TreeEntry[], baseline: readonly TreeEntry[] | undefined, ctx: ApplyContext): Promise<ApplyOutcome> {
  const outcome = emptyOutcome();
  const wanted = new Map<string, TreeEntry>();
  for (const entry of snapshot) wanted.set(destinationOf(ctx, entry.path), entry);
  const before = new Map((baseline ?? []).map((entry) => [destinationOf(ctx, entry.path), entry]));
  for (const path of await filesToDelete(wanted, baseline, ctx)) {
    // A protected file of the cousin's own that upstream never had stays without a word.
    if (ctx.protection?.ruleFor(path) !== undefined && !before.has(path)) continue;
    await removeForUpstream(path, ctx, outcome);
  }
  for (const [path, entry] of wanted) {
    const old = before.get(path);
    if (ctx.protection?.ruleFor(path) !== undefined && old?.oid === entry.oid && old.mode === entry.mode) continue;
    const state = upstreamState(ctx.blobs, entry.mode, entry.oid);
    if (sameState(await ctx.files.read(path), state)) continue;
    await placeUpstream(path, state, ctx, outcome);
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
