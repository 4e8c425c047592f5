import type { ChangedFile } from './changed-file.js';
import { UsageError } from './errors.js';
import { EMPTY_TREE_SHA, Git, splitNul } from './git.js';

/** What to diff. Mirrors the events GitHub sends. */
export type ChangeRange =
  | { kind: 'push'; before: string; after: string; defaultBranch?: string }
  | { kind: 'pull_request'; base: string; head: string }
  | { kind: 'merge_group'; base: string; head: string }
  | { kind: 'commits'; base: string; head: string };

export interface DetectedChanges {
  /** The commit diffed from, after any fallback; undefined when nothing was diffed. */
  base: string | undefined;
  head: string | undefined;
  files: ChangedFile[];
  /** Why the range was adjusted (new branch, force push, deleted branch). */
  note?: string;
}

const STATUSES = new Set(['A', 'M', 'D', 'R', 'C', 'T', 'U', 'X']);

/** Parses `git diff --name-status -z` output; renames and copies carry two paths. */
export function parseNameStatus(output: string): ChangedFile[] {
  const tokens = splitNul(output);
  const files: ChangedFile[] = [];
  for (let i = 0; i < tokens.length; ) {
    const status = tokens[i++]!.charAt(0);
    if (!STATUSES.has(status)) throw new Error(`unexpected git diff status ${JSON.stringify(status)}`);
    if (status === 'R' || status === 'C') {
      const oldPath = tokens[i++]!;
      files.push({ status, path: tokens[i++]!, oldPath });
    } else {
      files.push({ status: status as ChangedFile['status'], path: tokens[i++]! });
    }
  }
  return files;
}

async function diff(git: Git, base: string, head: string, symmetric = false): Promise<ChangedFile[]> {
  const range = symmetric ? [`${base}...${head}`] : [base, head];
  return parseNameStatus(await git.output(['diff', '--name-status', '-z', '-M', '--no-ext-diff', ...range, '--']));
}

/** The default branch as this clone knows it: the remote-tracking ref first, then the local branch. */
async function resolveDefaultBranch(git: Git, name: string): Promise<string | undefined> {
  for (const ref of [`refs/remotes/origin/${name}`, `refs/heads/${name}`]) {
    const sha = await git.resolveCommit(ref);
    if (sha) return sha;
  }
  return undefined;
}

/** Changed files of a push, pull request, merge group or explicit range, from the local clone. */
export async function detectChanges(git: Git, range: ChangeRange): Promise<DetectedChanges> {
  if (range.kind !== 'push') {
    // Any revision (HEAD~2, a tag, a short SHA) becomes the full SHA a payload must carry.
    const [base, head] = [await resolveRevision(git, range.base), await resolveRevision(git, range.head)];
    // Three dots for a pull request: what the PR adds since it forked, not what main gained meanwhile.
    return { base, head, files: await diff(git, base, head, range.kind === 'pull_request') };
  }
  if (isZeroSha(range.after)) return { base: undefined, head: undefined, files: [], note: 'the branch was deleted: nothing to dispatch' };
  const after = await resolveRevision(git, range.after);
  const before = isZeroSha(range.before) ? undefined : await git.resolveCommit(range.before);
  if (before) return { base: before, head: after, files: await diff(git, before, after) };
  const reason = isZeroSha(range.before) ? 'new branch' : `before ${range.before.slice(0, 12)} is gone (force push)`;
  const branch = range.defaultBranch ?? 'main';
  const defaultHead = await resolveDefaultBranch(git, branch);
  const base = defaultHead ? await git.mergeBase(defaultHead, after) : undefined;
  if (!base) {
    return { base: EMPTY_TREE_SHA, head: after, files: await diff(git, EMPTY_TREE_SHA, after), note: `${reason}; no common history with ${branch}: every file counts` };
  }
  return { base, head: after, files: await diff(git, base, after), note: `${reason}; diffed from the merge-base with ${branch}` };
}

/** The full SHA of any revision, or a usage error naming it. */
export async function resolveRevision(git: Git, rev: string): Promise<string> {
  const sha = await git.resolveCommit(rev);
  if (!sha) throw new UsageError(`commit ${rev} is not in ${git.cwd}; fetch the full history (actions/checkout with fetch-depth: 0)`);
  return sha;
}

export function isZeroSha(sha: string): boolean {
  return /^0+$/.test(sha);
}


/** Paths from a file: one per line, or NUL-separated (`-z`). Each counts as modified. */
export function parseFileList(text: string, nulSeparated: boolean): ChangedFile[] {
  const paths = nulSeparated ? splitNul(text) : text.split(/\r?\n/).filter((line) => line.trim() !== '');
  return paths.map((path) => ({ status: 'M', path }));
}
