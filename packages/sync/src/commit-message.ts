import type { UpstreamCommit } from './fetch-upstream.js';

const short = (sha: string) => sha.slice(0, 12);

export interface MessageFacts {
  feature: string;
  upstream: string;
  target: string;
  baseline: string | undefined;
  method: string;
  to: string;
  commits: readonly UpstreamCommit[];
  conflicts: readonly { path: string }[];
}

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
  if (facts.conflicts.length > 0) {
    lines.push('', 'Conflicts to resolve:', '', ...facts.conflicts.map((c) => `* ${c.path}`));
  }
  return lines.join('\n') + '\n';
}

/** A cherry-picked upstream commit keeps its own message, and says where it came from. */
export function cherryPickMessage(commit: UpstreamCommit, upstream: string, conflicts: readonly { path: string }[]): string {
  const body = stripTrailers(commit.message);
  const lines = [body, '', `(cherry picked from ${upstream}@${commit.sha})`];
  if (conflicts.length > 0) lines.push('', 'Conflicts to resolve:', '', ...conflicts.map((c) => `* ${c.path}`));
  return lines.join('\n') + '\n';
}

/** Upstream's own trailers (Signed-off-by…) would mix with ours; keep its prose only. */
function stripTrailers(message: string): string {
  const paragraphs = message.trimEnd().split(/\n\n/);
  const last = paragraphs.at(-1) ?? '';
  if (paragraphs.length > 1 && last.split('\n').every((line) => /^[A-Za-z0-9-]+: /.test(line))) paragraphs.pop();
  return paragraphs.join('\n\n');
}
