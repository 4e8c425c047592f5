import type { TreeEntry } from '../tree-entries.js';
import { destinationOf, upstreamState, type ApplyContext } from './context.js';
import { mergeFileContents } from './merge-file.js';
import { emptyOutcome, type ApplyOutcome } from './outcome.js';
import { placeUpstream, refuseProtected } from './placement.js';
import { isBinary, sameState, type FileState } from './worktree-files.js';

const NO_BASELINE = 'no sync baseline to merge from';

/**
 * The sync without a baseline (a first sync, or one whose record upstream no longer has):
 * nothing tells whose change a difference is, so nothing of the cousin's is overwritten or
 * deleted. Upstream's files are added where the cousin has none; a file both have with
 * different content gets both versions between conflict markers (git merge-file against an
 * empty base, which keeps the lines they share outside the markers); a binary file, a
 * symlink or a different executable bit is kept as the cousin has it, and listed as a
 * conflict; a folder of the cousin's in the way is kept, upstream's file put beside it.
 */
export async function applyTwoWay(snapshot: readonly TreeEntry[], ctx: ApplyContext): Promise<ApplyOutcome> {
  const outcome = emptyOutcome();
  for (const entry of snapshot) {
    const path = destinationOf(ctx, entry.path);
    const theirs = upstreamState(ctx.blobs, entry.mode, entry.oid);
    const ours = await ctx.files.read(path);
    if (!ours) await placeUpstream(path, theirs, ctx, outcome);
    else if (!sameState(ours, theirs) && !refuseProtected(path, 'upstream has another version', ctx, outcome)) await mergeBoth(ctx, path, ours, theirs, outcome);
  }
  return outcome;
}

async function mergeBoth(ctx: ApplyContext, path: string, ours: FileState, theirs: FileState, outcome: ApplyOutcome): Promise<void> {
  if (ours.kind !== 'file' || theirs.kind !== 'file' || isBinary(ours) || isBinary(theirs)) {
    outcome.conflicts.push({ path, reason: `${NO_BASELINE}: the cousin's version and upstream's differ (binary, symlink or submodule entry); kept the cousin's` });
    return;
  }
  if (ours.data.equals(theirs.data)) {
    const mode = (executable: boolean) => (executable ? 'executable' : 'not executable');
    outcome.conflicts.push({ path, reason: `${NO_BASELINE}: same content, but upstream's file is ${mode(theirs.executable)} and the cousin's is ${mode(ours.executable)}; kept the cousin's` });
    return;
  }
  const merged = await mergeFileContents(ctx.git, ours.data, Buffer.alloc(0), theirs.data, ctx.upstreamLabel);
  await ctx.files.write(path, { kind: 'file', data: merged.data, executable: ours.executable });
  outcome.written.push(path);
  outcome.conflicts.push({ path, reason: `${NO_BASELINE}: the cousin's file and upstream's differ; both kept, between conflict markers` });
}
