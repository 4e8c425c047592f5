import type { Octokit } from '@ecosystem-dispatcher/github';
import type { RepoName } from '@ecosystem-dispatcher/core';

export const SYNC_LABELS = ['automated', 'upstream-sync'] as const;
export const CONFLICT_LABEL = 'conflict';
export const UPSTREAM_ISSUE_LABEL = 'upstream-issue';

const COLORS: Record<string, string> = {
  automated: 'ededed',
  'upstream-sync': '0e8a16',
  conflict: 'b60205',
  'upstream-issue': 'd93f0b',
};

const DESCRIPTIONS: Record<string, string> = {
  automated: 'Opened by automation',
  'upstream-sync': 'Brings a feature in from the upstream monorepo',
  conflict: 'Has merge conflicts to resolve by hand',
  'upstream-issue': 'A cousin could not sync a feature',
};

/**
 * Creates the labels the repository does not have yet: one listing (asked conditionally, so
 * a repeat costs no budget), then a create for each missing one. GitHub compares label
 * names without case. A create answered 422 `already_exists` (made meanwhile) is fine.
 */
export async function ensureLabels(octokit: Octokit, repo: RepoName, names: readonly string[]): Promise<void> {
  const listed = await octokit.paginate(octokit.rest.issues.listLabelsForRepo, { owner: repo.owner, repo: repo.name, per_page: 100 });
  const existing = new Set(listed.map((label) => label.name.toLowerCase()));
  for (const name of new Set(names)) {
    if (existing.has(name.toLowerCase())) continue;
    try {
      await octokit.rest.issues.createLabel({
        owner: repo.owner,
        repo: repo.name,
        name,
        color: COLORS[name] ?? 'c5def5',
        description: DESCRIPTIONS[name] ?? 'Set on sync pull requests by subscriptions.json',
      });
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
    }
    existing.add(name.toLowerCase());
  }
}

function isAlreadyExists(error: unknown): boolean {
  const e = error as { status?: number; response?: { data?: { errors?: { code?: string }[] } } };
  return e.status === 422 && (e.response?.data?.errors ?? []).some((item) => item.code === 'already_exists');
}
