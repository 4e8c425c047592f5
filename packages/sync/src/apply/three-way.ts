import type { TreeChange } from '../tree-entries.js';
import { destinationOf, upstreamState, type ApplyContext } from './context.js';
import { mergeFileContents } from './merge-file.js';
import { emptyOutcome, type ApplyOutcome } from './outcome.js';
import { placeUpstream, refuseProtected, removeForUpstream } from './placement.js';
import { isBinary, sameState, type FileState } from './worktree-files.js';

/**
 * Brings upstream's change (baseline → new, as a list of file changes) into the cousin's
 * mapped folder, keeping the cousin's own edits: per file, git's 3-way merge of cousin,
 * baseline and upstream. Adds, deletions, renames and mode changes are handled one by one;
 * what cannot merge cleanly is written with standard conflict markers or kept as the
 * cousin had it, and listed.
 */
export async function applyThreeWay(changes: readonly TreeChange[], ctx: ApplyContext): Promise<ApplyOutcome> {
  const outcome = emptyOutcome();
  // Deletions first: when upstream turns a folder into a file (or back), its old entries are
  // gone before the new one is placed, and only the cousin's own files can stand in the way.
  const ordered = [...changes.filter((c) => c.status === 'D'), ...changes.filter((c) => c.status !== 'D')];
  for (const change of ordered) {
    await applyOne(change, ctx, outcome);
  }
  return outcome;
}

async function applyOne(change: TreeChange, ctx: ApplyContext, outcome: ApplyOutcome): Promise<void> {
  const target = destinationOf(ctx, change.path);
  const source = change.oldPath ? destinationOf(ctx, change.oldPath) : target;
  const base = change.status === 'A' ? undefined : upstreamState(ctx.blobs, change.oldMode, change.oldOid);
  const theirs = change.status === 'D' ? undefined : upstreamState(ctx.blobs, change.newMode, change.newOid);
  const ours = await ctx.files.read(source);
  const conflict = (reason: string) => outcome.conflicts.push({ path: target, reason });

  if (!theirs) {
    if (!ours) return;
    if (sameState(ours, base)) return removeForUpstream(source, ctx, outcome);
    return void conflict('deleted upstream, changed in the cousin: the cousin\'s version is kept');
  }
  if (ctx.protection?.ruleFor(target) !== undefined && !sameState(ours, theirs)) return void refuseProtected(target, 'upstream changed it', ctx, outcome);
  if (source !== target && (await renameTargetTaken(ctx, source, target, theirs))) {
    return void conflict(`renamed upstream from ${source}, but the cousin already has a different ${target}: both kept as they were`);
  }
  if (!ours) {
    // A folder of the cousin's at the path is not a deletion: placeUpstream says what happened.
    const deletedHere = base && !(await ctx.files.blocker(target)) && !ctx.protection?.ruleFor(target);
    if (deletedHere && change.status !== 'R') conflict('changed upstream, deleted in the cousin: upstream\'s version is restored for review');
    else if (deletedHere) conflict(`renamed upstream from ${source}, which the cousin had deleted: upstream's version is restored for review`);
    return placeUpstream(target, theirs, ctx, outcome);
  }
  const merged = await mergeStates(ours, base, theirs, ctx);
  if (merged.conflict) conflict(merged.conflict);
  if (source !== target) await removeForUpstream(source, ctx, outcome);
  if (!sameState(merged.state, ours) || source !== target) await placeUpstream(target, merged.state, ctx, outcome);
}

interface Merged {
  state: FileState;
  conflict?: string;
}

async function mergeStates(ours: FileState, base: FileState | undefined, theirs: FileState, ctx: ApplyContext): Promise<Merged> {
  if (sameState(ours, theirs)) return { state: ours };
  if (base && sameState(ours, base)) return { state: withMode(theirs, ours, base) };
  if (base && sameState(theirs, base)) return { state: ours };
  if (ours.kind !== 'file' || theirs.kind !== 'file' || (base && base.kind !== 'file') || isBinary(ours) || isBinary(theirs) || isBinary(base)) {
    return { state: ours, conflict: 'changed on both sides and cannot be merged line by line (binary, symlink or submodule entry): the cousin\'s version is kept' };
  }
  const baseData = base?.kind === 'file' ? base.data : Buffer.alloc(0);
  const merged = await mergeFileContents(ctx.git, ours.data, baseData, theirs.data, ctx.upstreamLabel);
  const executable = base?.kind === 'file' && base.executable !== ours.executable ? ours.executable : theirs.executable;
  const state: FileState = { kind: 'file', data: merged.data, executable };
  if (merged.conflicts === 0) return { state };
  const what = base ? 'changed on both sides' : 'added on both sides with different content';
  return { state, conflict: `${what}: ${merged.conflicts} conflict${merged.conflicts === 1 ? '' : 's'} marked in the file` };
}

/** Upstream's content; the cousin's own executable bit survives when upstream did not change it. */
function withMode(theirs: FileState, ours: FileState, base: FileState): FileState {
  if (theirs.kind !== 'file' || ours.kind !== 'file' || base.kind !== 'file') return theirs;
  return base.executable === theirs.executable ? { ...theirs, executable: ours.executable } : theirs;
}

/**
 * The cousin already has another file where upstream renamed one to. A case-only rename
 * (`Readme.md` → `README.md`) on a file system that ignores case finds the source itself
 * at the new name: only a file of exactly that name is in the way.
 */
async function renameTargetTaken(ctx: ApplyContext, source: string, target: string, theirs: FileState): Promise<boolean> {
  if (source.toLowerCase() === target.toLowerCase() && !(await ctx.files.existsExactly(target))) return false;
  const there = await ctx.files.read(target);
  return there !== undefined && !sameState(there, theirs);
}
