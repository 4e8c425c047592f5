import type { DispatchResult } from '../report.js';

/** Cousins in a row refused with 403/404, none delivered, before the token itself is blamed. */
export const REFUSALS_BEFORE_STOP = 10;

/**
 * A failure that no other cousin would escape: a 401 (the token is bad or expired), a
 * 403/404 for GITHUB_TOKEN (it reaches only its own repository), or the first
 * REFUSALS_BEFORE_STOP cousins all refused. Retrying the rest would only burn the write
 * budget and, at 1,000 cousins, a quarter of an hour. Returns the one line to print.
 */
export function tokenWideFailure(result: DispatchResult, run: { authSource?: string | undefined; refusedInARow: number; deliveredThisRun: number }): string | undefined {
  const status = result.httpStatus;
  if (status === 401) return `GitHub refused the token (401 Bad credentials) for ${result.repo}: it is wrong, expired or revoked; no further cousin was tried`;
  if (status !== 403 && status !== 404) return undefined;
  if (run.authSource === 'GITHUB_TOKEN') return `GITHUB_TOKEN cannot dispatch to other repositories (${status} from ${result.repo}); pass a PAT or GitHub App as the token; no further cousin was tried`;
  if (run.deliveredThisRun === 0 && run.refusedInARow >= REFUSALS_BEFORE_STOP) {
    return `the first ${run.refusedInARow} cousins all refused the token (${status} from ${result.repo}); check that it may write to the cousins (Contents write); no further cousin was tried`;
  }
  return undefined;
}
