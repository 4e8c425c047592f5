import { DEFAULT_BRANCH_PREFIX } from '@ecosystem-dispatcher/core';
import type { Octokit } from '@ecosystem-dispatcher/github';
import { CONFLICT_LABEL, featureSlug, type SYNC_LABELS } from '@ecosystem-dispatcher/sync';

/** The fields of a listed pull request that status needs. */
export interface ListedPull {
  number: number;
  html_url: string;
  draft?: boolean | undefined;
  head: { ref: string; sha: string };
  labels: { name?: string | undefined }[];
}

// Checked against sync's own list, so a rename there fails the build here.
const SYNC_LABEL = 'upstream-sync' satisfies (typeof SYNC_LABELS)[number];

/**
 * The open sync PR of a feature: the one on `ecosystem/sync/<slug>`, or, for cousins
 * with their own `branchPrefix`, a PR labelled `upstream-sync` whose branch ends in the slug.
 */
export function findSyncPull<T extends ListedPull>(pulls: readonly T[], feature: string): T | undefined {
  const slug = featureSlug(feature);
  const exact = pulls.find((p) => p.head.ref === `${DEFAULT_BRANCH_PREFIX}${slug}`);
  if (exact) return exact;
  return pulls.find((p) => hasLabel(p, SYNC_LABEL) && (p.head.ref === slug || p.head.ref.endsWith(`/${slug}`)));
}

export function hasLabel(pull: ListedPull, name: string): boolean {
  return pull.labels.some((label) => label.name?.toLowerCase() === name);
}

/**
 * A sync PR has conflicts when sync labelled it so (it committed conflict markers), or
 * when GitHub says it no longer merges. GitHub computes `mergeable` in the background
 * and answers null until it knows; null counts as no conflict.
 */
export async function pullHasConflict(octokit: Octokit, owner: string, repo: string, pull: ListedPull): Promise<boolean> {
  if (hasLabel(pull, CONFLICT_LABEL)) return true;
  const { data } = await octokit.rest.pulls.get({ owner, repo, pull_number: pull.number });
  return data.mergeable === false;
}

export async function listOpenPulls(octokit: Octokit, owner: string, repo: string): Promise<ListedPull[]> {
  return octokit.paginate(octokit.rest.pulls.list, { owner, repo, state: 'open', per_page: 100 });
}
