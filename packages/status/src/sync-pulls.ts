import { setTimeout as delay } from 'node:timers/promises';
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

/** How long to wait for GitHub's background `mergeable` job before each re-read. */
const MERGEABLE_RETRY_MS = [1000, 2000];

/**
 * A sync PR has conflicts when sync labelled it so (it committed conflict markers), or
 * when GitHub says it no longer merges. GitHub computes `mergeable` in a background job
 * and answers null until it knows, so a null is read again after a pause
 * (https://docs.github.com/en/rest/pulls/pulls#get-a-pull-request); still null after
 * the last pause counts as no conflict.
 */
export async function pullHasConflict(octokit: Octokit, owner: string, repo: string, pull: ListedPull): Promise<boolean> {
  if (hasLabel(pull, CONFLICT_LABEL)) return true;
  for (let attempt = 0; ; attempt++) {
    const { data } = await octokit.rest.pulls.get({ owner, repo, pull_number: pull.number });
    if (data.mergeable !== null || attempt >= MERGEABLE_RETRY_MS.length) return data.mergeable === false;
    await delay(MERGEABLE_RETRY_MS[attempt]);
  }
}

export async function listOpenPulls(octokit: Octokit, owner: string, repo: string): Promise<ListedPull[]> {
  return octokit.paginate(octokit.rest.pulls.list, { owner, repo, state: 'open', per_page: 100 });
}
