import { andMore, fitBody, MAX_BODY_CHARS, type BodyPart } from '@ecosystem-dispatcher/core';
import type { UpstreamCommit } from './fetch-upstream.js';

export interface PullFacts {
  feature: string;
  upstream: string;
  /** https://github.com/owner/monorepo (GHES- and sim-aware: from the repos API's html_url). */
  upstreamHtmlUrl: string;
  target: string;
  /** The upstream commit the cousin's default branch is at, when there was a sync before. */
  baseline: string | undefined;
  method: string;
  to: string;
  commits: readonly UpstreamCommit[];
  /** How many upstream commits the range holds when they were too many to list. */
  commitCount: number;
  files: readonly { status: string; path: string }[];
  conflicts: readonly { path: string; reason: string }[];
  /** Beside the files: submodule entries carried over, by path. */
  notes: readonly { path: string; reason: string }[];
  /** Features the dispatch also named that this cousin does not follow. */
  notSynced?: readonly string[] | undefined;
  firstSync: boolean;
  /** The last sync's upstream commit when upstream no longer has it. */
  lostBaseline?: string | undefined;
  declined: { number: number; htmlUrl: string } | undefined;
  /** The branch head this body describes (a later sync compares it to tell a stale body). */
  head?: string | undefined;
  /** The run's page (summary and logs), linked when a list is cut. */
  reportUrl?: string | undefined;
}

/** Kept free in every PR body for the warnings added after opening (reviewers, assignees, draft). */
export const WARNING_ROOM = 4096;

const MAX_COMMITS = 100;
// A readable list, like GitHub's own 300-file compare; the rest is in the run's log.
const MAX_FILES = 300;
const short = (sha: string) => sha.slice(0, 12);

export function pullTitle(facts: Pick<PullFacts, 'feature' | 'upstream' | 'target'>): string {
  return `Sync ${facts.feature} from ${facts.upstream}@${facts.target.slice(0, 7)}`;
}

/**
 * Markdown for the sync PR: what, from where, which commits, which files, what needs a human.
 * Fits GitHub's 65,536 characters (less room for warnings) however many files or conflicts:
 * cut lists end with "… and N more" and the run's link.
 */
export function pullBody(facts: PullFacts): string {
  const link = (sha: string) => `[\`${short(sha)}\`](${facts.upstreamHtmlUrl}/commit/${sha})`;
  const lines: string[] = [
    `Brings **${code(facts.feature)}** from [${facts.upstream}](${facts.upstreamHtmlUrl}) up to ${link(facts.target)} into ${facts.to === '' ? 'the repository root' : code(facts.to)}.`,
    '',
    `- Method: \`${facts.method}\``,
    `- Baseline: ${facts.baseline ? link(facts.baseline) : 'none (first sync)'}`,
  ];
  if (facts.lostBaseline) {
    lines.push('', '> [!WARNING]', `> The last sync's upstream commit \`${short(facts.lostBaseline)}\` no longer exists upstream (its history was rewritten), so nothing can be merged 3-way.`);
  }
  if (facts.firstSync) {
    lines.push(
      '', '> [!NOTE]',
      `> ${facts.lostBaseline ? 'No usable sync baseline' : 'First sync: there is no earlier sync to merge from'}, so this is a 2-way merge: upstream's files were added where the cousin has none, ` +
        "every file where both have different content keeps both versions between conflict markers, and no file of the cousin's was overwritten or deleted.",
    );
  }
  if (facts.declined) {
    lines.push('', '> [!NOTE]', `> The previous sync pull request (#${facts.declined.number}) was closed without merging. This one proposes the upstream change again.`);
  }
  const parts: BodyPart[] = [lines.join('\n')];
  const more = (hidden: number) => andMore(hidden, facts.reportUrl);
  if (facts.conflicts.length > 0) {
    parts.push(['', `### Conflicts (${facts.conflicts.length})`, '', 'Resolve these by hand before merging (markers `<<<<<<<` / `>>>>>>>` in text files):', ''].join('\n'));
    parts.push({ lines: facts.conflicts.map((c) => `- ${code(c.path)}: ${c.reason}`), more });
  }
  parts.push(['', `### Upstream commits (${Math.max(facts.commitCount, facts.commits.length)})`, ''].join('\n'));
  if (facts.commits.length === 0) parts.push(facts.commitCount > 0 ? '_Too many to list here._' : '_None listed._');
  const commitLines = facts.commits.slice(-MAX_COMMITS).map((commit) => `- ${link(commit.sha)} ${escapeInline(commit.subject)} (${escapeInline(commit.authorName)})`);
  if (facts.commits.length > MAX_COMMITS) commitLines.push(`- … and ${facts.commits.length - MAX_COMMITS} earlier`);
  parts.push({ lines: commitLines, more });
  parts.push(['', `### Files changed (${facts.files.length})`, ''].join('\n'));
  parts.push({ lines: facts.files.slice(0, MAX_FILES).map((file) => `- ${file.status} ${code(file.path)}`), more, total: facts.files.length });
  if (facts.notes.length > 0) {
    parts.push(['', '### Notes', ''].join('\n'));
    parts.push({ lines: facts.notes.map((s) => `- ${code(s.path)}: ${s.reason}`), more });
  }
  if (facts.notSynced && facts.notSynced.length > 0) {
    parts.push(['', `### Not synced (${facts.notSynced.length})`, '', 'The dispatch also named these features; this repository does not follow them, so nothing of them was brought in:', ''].join('\n'));
    parts.push({ lines: facts.notSynced.map((feature) => `- ${code(feature)}`), more });
  }
  parts.push(`\n<!-- ecosystem-sync-feature: ${facts.feature.replace(/--+>/g, '')} -->`);
  if (facts.head) parts.push(`<!-- ecosystem-sync-head: ${facts.head} -->`);
  return `${fitBody(parts, MAX_BODY_CHARS - WARNING_ROOM)}\n`;
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

function escapeInline(text: string): string {
  return text.replace(/[<>[\]`*_]/g, (c) => `\\${c}`);
}
