/** What applying upstream's change did to the cousin's files. */
export interface ApplyOutcome {
  written: string[];
  deleted: string[];
  /** Files left with conflict markers, or kept as the cousin had them, with the reason. */
  conflicts: { path: string; reason: string }[];
  /** What a reviewer should know beside the files (submodule entries carried over), by path. */
  notes: { path: string; reason: string }[];
}

export function emptyOutcome(): ApplyOutcome {
  return { written: [], deleted: [], conflicts: [], notes: [] };
}

export function mergeOutcomes(into: ApplyOutcome, from: ApplyOutcome): ApplyOutcome {
  into.written.push(...from.written);
  into.deleted.push(...from.deleted);
  into.conflicts.push(...from.conflicts);
  into.notes.push(...from.notes);
  return into;
}

/**
 * Whether a conflict's reason says the file holds conflict markers (the other kind keeps the
 * cousin's version, or puts upstream's beside it, and leaves no marker behind). A marked
 * conflict lasts as long as its markers, which every sync looks for (conflict-markers.ts);
 * the other kind is listed for as long as the pull request is open.
 */
export function leavesMarkers(reason: string): boolean {
  return /marked in the file|between conflict markers|conflict markers from a sync/.test(reason);
}
