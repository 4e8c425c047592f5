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
  firstSync: boolean;
  /** The last sync's upstream commit when upstream no longer has it. */
  lostBaseline?: string | undefined;
  declined: { number: number; htmlUrl: string } | undefined;
  /** The branch head this body describes (a later sync compares it to tell a stale body). */
  head?: string | undefined;
}

const MAX_FILES = 300;
const MAX_COMMITS = 100;
const short = (sha: string) => sha.slice(0, 12);

export function pullTitle(facts: Pick<PullFacts, 'feature' | 'upstream' | 'target'>): string {
  return `Sync ${facts.feature} from ${facts.upstream}@${facts.target.slice(0, 7)}`;
}

/** Markdown for the sync PR: what, from where, which commits, which files, what needs a human. */
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
  if (facts.conflicts.length > 0) {
    lines.push('', `### Conflicts (${facts.conflicts.length})`, '', 'Resolve these by hand before merging (markers `<<<<<<<` / `>>>>>>>` in text files):', '');
    lines.push(...facts.conflicts.map((c) => `- ${code(c.path)}: ${c.reason}`));
  }
  lines.push('', `### Upstream commits (${Math.max(facts.commitCount, facts.commits.length)})`, '');
  if (facts.commits.length === 0) lines.push(facts.commitCount > 0 ? '_Too many to list here._' : '_None listed._');
  for (const commit of facts.commits.slice(-MAX_COMMITS)) lines.push(`- ${link(commit.sha)} ${escapeInline(commit.subject)} (${escapeInline(commit.authorName)})`);
  if (facts.commits.length > MAX_COMMITS) lines.push(`- … and ${facts.commits.length - MAX_COMMITS} earlier`);
  lines.push('', `### Files changed (${facts.files.length})`, '');
  for (const file of facts.files.slice(0, MAX_FILES)) lines.push(`- ${file.status} ${code(file.path)}`);
  if (facts.files.length > MAX_FILES) lines.push(`- … and ${facts.files.length - MAX_FILES} more`);
  if (facts.notes.length > 0) {
    lines.push('', '### Notes', '', ...facts.notes.map((s) => `- ${code(s.path)}: ${s.reason}`));
  }
  lines.push('', `<!-- ecosystem-sync-feature: ${facts.feature.replace(/--+>/g, '')} -->`);
  if (facts.head) lines.push(`<!-- ecosystem-sync-head: ${facts.head} -->`);
  return lines.join('\n') + '\n';
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

function escapeInline(text: string): string {
  return text.replace(/[<>[\]`*_]/g, (c) => `\\${c}`);
}
