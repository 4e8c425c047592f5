import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mapPath, splitNul } from '@ecosystem-dispatcher/core';
import { syncCommitMessage } from '../commit-message.js';
import { gitlinkNote } from './placement.js';
import { sameState, WorktreeFiles } from './worktree-files.js';
import { blobsOf, snapshotOids, trailersFor, type MethodInput, type MethodResult } from './method-input.js';
import { upstreamState } from './context.js';
import { emptyOutcome, type ApplyOutcome } from './outcome.js';
import type { LastSync } from '../trailers.js';

/**
 * `merge`: the seed's "pull upstream" done safely. Only the feature enters the cousin:
 * upstream's feature at the new commit, placed at its destination and nothing else,
 * becomes a split commit (like `git subtree split`; one per sync, chained to the previous
 * one), which is merged with a real merge commit. Later merges have a true merge base (the
 * previous split), so git's own 3-way merge and rename detection apply; files outside the
 * destination are in neither side and stay untouched. Conflicts are committed with their
 * markers for review.
 */
export async function syncByMerge(input: MethodInput, lastSync: LastSync | undefined): Promise<MethodResult> {
  const git = input.worktree.git;
  const outcome = emptyOutcome();
  const tree = await writeSnapshotTree(input, outcome);
  const previous = await previousSplit(input, lastSync);
  if (previous && (await git.output(['rev-parse', `${previous}^{tree}`])).trim() === tree && outcome.conflicts.length === 0) {
    return { outcome, commits: [], firstSync: false };
  }
  const split = await splitCommit(input, tree, previous);
  const args = ['merge', '--quiet', '--no-commit', '--no-ff', '--no-verify'];
  if (!previous) args.push('--allow-unrelated-histories');
  await git.run([...args, split], { okCodes: [1] });
  await restoreProtected(input, outcome);
  const conflicted = splitNul(await git.output(['diff', '--name-only', '-z', '--diff-filter=U']));
  outcome.conflicts.push(...conflicted.map((path) => ({ path, reason: 'conflict left by git merge, marked in the file' })));
  const message = syncCommitMessage({
    feature: input.subscription.path,
    upstream: input.upstreamName,
    target: input.target,
    baseline: input.baseline,
    method: 'merge',
    to: input.subscription.to,
    commits: input.commits,
    conflicts: outcome.conflicts,
    notes: outcome.notes,
    notSynced: input.notSynced,
  });
  const commit = await input.worktree.commit(message, trailersFor(input), undefined, outcome.conflicts.length > 0);
  if (!commit) return { outcome, commits: [], firstSync: !previous };
  for (const line of splitNul(await git.output(['diff-tree', '-r', '-z', '--name-status', '--no-renames', 'HEAD^1', 'HEAD'])).reduce(pairs, [])) {
    (line[0] === 'D' ? outcome.deleted : outcome.written).push(line[1]);
  }
  return { outcome, commits: [commit], firstSync: !previous };
}

function pairs(acc: [string, string][], part: string, i: number, all: string[]): [string, string][] {
  if (i % 2 === 0) acc.push([part, all[i + 1] ?? '']);
  return acc;
}

/**
 * A split made before a path was protected may still hold it: whatever the merge did to a
 * protected path is undone (the cousin's version kept) and listed.
 */
async function restoreProtected(input: MethodInput, outcome: ApplyOutcome): Promise<void> {
  const git = input.worktree.git;
  const touched = splitNul(await git.output(['diff', '--cached', '--name-only', '-z', '--no-renames', 'HEAD']));
  for (const path of touched) {
    const rule = input.protection.ruleFor(path);
    if (rule === undefined) continue;
    const inHead = (await git.run(['cat-file', '-e', `HEAD:${path}`], { okCodes: [128] })).code === 0;
    if (inHead) await git.run(['checkout', 'HEAD', '--', path]);
    else await git.run(['rm', '--quiet', '--cached', '--force', '--', path]).then(() => rm(join(input.worktree.dir, path), { force: true }));
    outcome.conflicts.push({ path, reason: `protected (${rule}): the merge changed it, and a sync never writes here; the cousin's version is kept — bring upstream's change in by hand if you want it` });
  }
}

/**
 * The feature at the new commit, at its destination path, as a tree in the cousin's object
 * store. Protected paths stay out of it: upstream's version is listed when it differs from the cousin's.
 */
async function writeSnapshotTree(input: MethodInput, outcome: ApplyOutcome): Promise<string> {
  const blobs = await blobsOf(input.upstream, snapshotOids(input.snapshot));
  const dir = await mkdtemp(join(tmpdir(), 'ecosystem-split-'));
  try {
    const files = new WorktreeFiles(join(dir, 'tree'));
    // Reported again only when upstream changed it since the last sync.
    const gitlinks: { path: string; oid: string }[] = [];
    const before = new Map(input.baseline ? (await input.upstream.listFeature(input.baseline, input.subscription.path)).map((e) => [e.path, `${e.mode} ${e.oid}`]) : []);
    for (const entry of input.snapshot) {
      const path = mapPath(entry.path, input.subscription.path, input.subscription.to);
      const state = upstreamState(blobs, entry.mode, entry.oid);
      const rule = input.protection.ruleFor(path);
      if (rule === undefined && state.kind === 'gitlink') gitlinks.push({ path, oid: state.oid });
      else if (rule === undefined) await files.write(path, state);
      else if (before.get(entry.path) !== `${entry.mode} ${entry.oid}` && !sameState(await input.worktree.files.read(path), state)) {
        outcome.conflicts.push({ path, reason: `protected (${rule}): upstream has another version, and a sync never writes here; the cousin's version is kept — bring upstream's change in by hand if you want it` });
      }
    }
    const env = { GIT_INDEX_FILE: join(dir, 'index') };
    const git = input.worktree.git;
    await git.run(['--work-tree', join(dir, 'tree'), 'add', '--all', '--force', '--', '.'], { env });
    for (const { path, oid } of gitlinks) {
      await git.run(['update-index', '--add', '--cacheinfo', `160000,${oid},${path}`], { env });
      outcome.notes.push({ path, reason: gitlinkNote(oid) });
    }
    return (await git.output(['write-tree'], { env })).trim();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The upstream side of the last `merge` sync: its second parent. */
async function previousSplit(input: MethodInput, lastSync: LastSync | undefined): Promise<string | undefined> {
  const candidate = lastSync?.parents[1];
  if (!candidate) return undefined;
  const exists = await input.worktree.git.run(['cat-file', '-e', `${candidate}^{commit}`], { okCodes: [1, 128] });
  return exists.code === 0 ? candidate : undefined;
}

/** Dated and authored like the upstream commit, so the same sync makes the same split commit. */
async function splitCommit(input: MethodInput, tree: string, parent: string | undefined): Promise<string> {
  const git = input.worktree.git;
  const upstream = input.upstream.git;
  const [name = '', email = '', date = ''] = (await upstream.output(['log', '-1', '--format=%an%x1f%ae%x1f%cI', input.target, '--'])).trim().split('\x1f');
  const env = { GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_AUTHOR_DATE: date, GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: email, GIT_COMMITTER_DATE: date };
  const message = `${input.subscription.path} at ${input.upstreamName}@${input.target}\n`;
  const args = ['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-F', '-'];
  return (await git.output(args, { input: message, env })).trim();
}
