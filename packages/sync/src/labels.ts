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

/** Creates the labels that do not exist yet (GET first: creating an existing label is a 422). */
export async function ensureLabels(octokit: Octokit, repo: RepoName, names: readonly string[]): Promise<void> {
  for (const name of new Set(names)) {
    try {
      await octokit.rest.issues.getLabel({ owner: repo.owner, repo: repo.name, name });
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw error;
      await octokit.rest.issues.createLabel({
        owner: repo.owner,
        repo: repo.name,
        name,
        color: COLORS[name] ?? 'c5def5',
        description: DESCRIPTIONS[name] ?? 'Set on sync pull requests by subscriptions.json',
      });
    }
  }
}
