import type { ApplyContext } from './context.js';
import type { ApplyOutcome } from './outcome.js';
import type { FileState } from './worktree-files.js';

/** Where upstream's version goes when the cousin's own files stand at its path. */
export const DIVERTED_SUFFIX = '~upstream';

/**
 * The one way an apply step writes upstream's content into the cousin. A protected path is
 * never written (a conflict says what upstream has); a folder of the cousin's that still
 * holds files, or a file of the cousin's where upstream needs a folder, is never deleted to
 * make room: upstream's version goes beside it (`d~upstream`) and a conflict says so.
 */
export async function placeUpstream(path: string, state: FileState, ctx: ApplyContext, outcome: ApplyOutcome): Promise<void> {
  if (refuseProtected(path, 'upstream changed it', ctx, outcome)) return;
  const blocker = await ctx.files.blocker(path);
  if (!blocker) {
    await ctx.files.write(path, state);
    outcome.written.push(path);
    if (state.kind === 'gitlink') outcome.notes.push({ path, reason: gitlinkNote(state.oid) });
    return;
  }
  const diverted = blocker.path + DIVERTED_SUFFIX + path.slice(blocker.path.length);
  const reason =
    blocker.kind === 'folder'
      ? `upstream has a file here, but the cousin's folder ${blocker.path} still holds its own files: the folder is kept, upstream's file is written to ${diverted}`
      : `upstream needs a folder ${blocker.path}, but the cousin has a file there: it is kept, upstream's file is written to ${diverted}`;
  outcome.conflicts.push({ path, reason });
  if (refuseProtected(diverted, 'upstream changed it', ctx, outcome)) return;
  await ctx.files.write(diverted, state);
  outcome.written.push(diverted);
}

/** Deletes a file upstream deleted, unless the path is protected. */
export async function removeForUpstream(path: string, ctx: ApplyContext, outcome: ApplyOutcome): Promise<void> {
  if (!(await ctx.files.read(path))) return;
  if (refuseProtected(path, 'upstream deleted it', ctx, outcome)) return;
  await ctx.files.remove(path);
  outcome.deleted.push(path);
}

/** True (and a conflict listed) when the path is protected from upstream's writes. */
export function refuseProtected(path: string, what: string, ctx: ApplyContext, outcome: ApplyOutcome): boolean {
  const rule = ctx.protection?.ruleFor(path);
  if (rule === undefined) return false;
  outcome.conflicts.push({ path, reason: `protected (${rule}): ${what}, and a sync never writes here; the cousin's version is kept — bring upstream's change in by hand if you want it` });
  return true;
}

/** Every method carries a submodule entry over the same way, and the pull request says so. */
export function gitlinkNote(oid: string): string {
  return `a submodule entry (gitlink) at commit ${oid.slice(0, 12)}, carried over as a submodule entry: its files are not synced, and .gitmodules (protected) is not written`;
}
