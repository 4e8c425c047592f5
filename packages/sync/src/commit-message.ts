import type { UpstreamCommit } from './fetch-upstream.js';

const short = (sha: string) => sha.slice(0, 12);

type Listed = { path: string; reason: string };

export interface MessageFacts {
  feature: string;
  upstream: string;
  target: string;
  baseline: string | undefined;
  method: string;
  to: string;
  commits: readonly UpstreamCommit[];
  conflicts: readonly Listed[];
  /** What a reviewer should know beside the files (submodule entries carried over). */
  notes?: readonly Listed[];
  /** Features the same dispatch named that this cousin does not follow. */
  notSynced?: readonly string[];
}

/** What a sync commit records beside its trailers, for the pull request of its branch (branch-records.ts). */
export interface RecordedLists {
  conflicts: Listed[];
  notes: Listed[];
  notSynced: string[];
}

const CONFLICTS = 'Conflicts to resolve:';
const NOTES = 'Notes:';
const NOT_SYNCED = 'Not synced (named by the dispatch, not followed here):';
// Between a path and its reason: a sequence no path of a feature is expected to hold.
const SEPARATOR = ' — ';

/** The message of a sync commit (the trailers are added by `git commit --trailer`). */
export function syncCommitMessage(facts: MessageFacts): string {
  const where = facts.to === '' ? 'the repository root' : facts.to;
  const lines = [`Sync ${facts.feature} from ${facts.upstream}@${short(facts.target)}`, ''];
  if (!facts.baseline) {
    lines.push(`No sync baseline: ${facts.feature} merged 2-way into ${where} (files added where missing; where both differ, both kept with conflict markers; nothing overwritten or deleted).`);
  }
  else if (facts.method === 'copy') lines.push(`${where} mirrored from upstream ${short(facts.target)} (was ${short(facts.baseline)}).`);
  else lines.push(`Upstream changes ${short(facts.baseline)}..${short(facts.target)} merged 3-way into ${where} (method ${facts.method}).`);
  if (facts.method === 'squash' && facts.commits.length > 0) {
    lines.push('', 'Squashed upstream commits:', '', ...facts.commits.map((c) => `* ${short(c.sha)} ${c.subject}`));
  }
  return [...lines, ...recordLines(facts)].join('\n') + '\n';
}

/** A cherry-picked upstream commit keeps its own message, and says where it came from. */
export function cherryPickMessage(commit: UpstreamCommit, upstream: string, lists: Pick<MessageFacts, 'conflicts' | 'notes' | 'notSynced'>): string {
  const body = stripTrailers(commit.message);
  return [body, '', `(cherry picked from ${upstream}@${commit.sha})`, ...recordLines(lists)].join('\n') + '\n';
}

/**
 * The lists a pull request shows besides the files, written into the commit so that they
 * outlive the run: a later run that only repairs the PR (this one stopped after its push)
 * rebuilds the body from the branch and loses none of them.
 */
function recordLines(facts: Pick<MessageFacts, 'conflicts' | 'notes' | 'notSynced'>): string[] {
  const lines: string[] = [];
  const block = (title: string, items: readonly string[]) => {
    if (items.length > 0) lines.push('', title, '', ...items.map((item) => `* ${oneLine(item)}`));
  };
  block(CONFLICTS, facts.conflicts.map((c) => `${c.path}${SEPARATOR}${c.reason}`));
  block(NOTES, (facts.notes ?? []).map((n) => `${n.path}${SEPARATOR}${n.reason}`));
  block(NOT_SYNCED, facts.notSynced ?? []);
  return lines;
}

/** The lists `recordLines` wrote into a message (a message from before reasons were recorded gives paths alone). */
export function recordedLists(message: string): RecordedLists {
  const found: RecordedLists = { conflicts: [], notes: [], notSynced: [] };
  let current: string | undefined;
  for (const line of message.replace(/\r\n/g, '\n').split('\n')) {
    if (line === CONFLICTS || line === NOTES || line === NOT_SYNCED) current = line;
    else if (current && line.startsWith('* ')) add(found, current, line.slice(2));
    else if (line.trim() !== '') current = undefined;
  }
  return found;
}

function add(found: RecordedLists, block: string, item: string): void {
  if (block === NOT_SYNCED) return void found.notSynced.push(item);
  const at = item.indexOf(SEPARATOR);
  const entry = at < 0 ? { path: item, reason: 'listed by an earlier sync of this branch' } : { path: item.slice(0, at), reason: item.slice(at + SEPARATOR.length) };
  (block === CONFLICTS ? found.conflicts : found.notes).push(entry);
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

/** Upstream's own trailers (Signed-off-by…) would mix with ours; keep its prose only. */
function stripTrailers(message: string): string {
  const paragraphs = message.trimEnd().split(/\n\n/);
  const last = paragraphs.at(-1) ?? '';
  if (paragraphs.length > 1 && last.split('\n').every((line) => /^[A-Za-z0-9-]+: /.test(line))) paragraphs.pop();
  return paragraphs.join('\n\n');
}
