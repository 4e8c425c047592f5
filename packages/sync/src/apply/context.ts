import type { Git, PathProtection } from '@ecosystem-dispatcher/core';
import { mapPath } from '@ecosystem-dispatcher/core';
import { SUBMODULE_MODE, SYMLINK_MODE } from '../tree-entries.js';
import type { FileState, WorktreeFiles } from './worktree-files.js';

/** Everything an apply step needs: where to write, how paths map, upstream's bytes. */
export interface ApplyContext {
  /** Git in the cousin work tree being prepared. */
  git: Git;
  files: WorktreeFiles;
  feature: string;
  /** Destination folder in the cousin ("" = root). */
  to: string;
  /** Names upstream's side in conflict markers, e.g. `upstream@1a2b3c4`. */
  upstreamLabel: string;
  /** Blob contents by oid (fetched in one batch beforehand). */
  blobs: ReadonlyMap<string, Buffer>;
  /** Cousin paths upstream never writes or deletes without a conflict (placement.ts). */
  protection?: PathProtection | undefined;
}

export function destinationOf(ctx: ApplyContext, upstreamPath: string): string {
  return mapPath(upstreamPath, ctx.feature, ctx.to);
}

export function upstreamState(blobs: ReadonlyMap<string, Buffer>, mode: string, oid: string): FileState {
  // A submodule entry names a commit of another repository: there is no blob to read.
  if (mode === SUBMODULE_MODE) return { kind: 'gitlink', oid };
  const data = blobs.get(oid);
  if (!data) throw new Error(`upstream blob ${oid} was not fetched`);
  if (mode === SYMLINK_MODE) return { kind: 'symlink', target: data.toString('utf8') };
  return { kind: 'file', data, executable: mode === '100755' };
}
