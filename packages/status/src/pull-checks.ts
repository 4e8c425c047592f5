import type { Octokit } from '@ecosystem-dispatcher/github';
import type { PullChecks } from './model.js';

const FAILED_CONCLUSIONS = new Set(['failure', 'timed_out', 'cancelled', 'action_required', 'startup_failure']);

/**
 * The cousin's CI on a commit, as GitHub's merge box sums it up: commit statuses (the
 * combined status) and check runs (GitHub Actions and apps). Any failure fails; else
 * anything unfinished is pending; else passing; `none` when nothing reported at all.
 * https://docs.github.com/rest/commits/statuses#get-the-combined-status-for-a-specific-reference
 */
export async function readPullChecks(octokit: Octokit, owner: string, repo: string, sha: string): Promise<PullChecks> {
  const combined = await octokit.rest.repos.getCombinedStatusForRef({ owner, repo, ref: sha, per_page: 100 });
  const runs = await octokit.paginate(octokit.rest.checks.listForRef, { owner, repo, ref: sha, per_page: 100 });
  const statuses = combined.data.total_count;
  if ((statuses > 0 && combined.data.state === 'failure') || runs.some((run) => run.conclusion !== null && FAILED_CONCLUSIONS.has(run.conclusion))) return 'failing';
  if ((statuses > 0 && combined.data.state === 'pending') || runs.some((run) => run.status !== 'completed')) return 'pending';
  return statuses + runs.length > 0 ? 'passing' : 'none';
}
