import { EcosystemError, parseRepoName, repoKey, type DispatchPlan, type PlannedDispatch } from '@ecosystem-dispatcher/core';
import { explainGitHubError, type Octokit } from '@ecosystem-dispatcher/github';
import { summarise, type DispatchReport, type DispatchResult } from './report.js';

export interface SendOptions {
  /** The client for a cousin (one per App installation, or one shared PAT client). */
  octokitFor(repo: string): Octokit | Promise<Octokit>;
  /** Rollout: only these cousins (`owner/name`, case-insensitive) are notified. */
  only?: readonly string[];
  /** Send nothing; every dispatch is reported as skipped. */
  dryRun?: boolean;
  /** Called as each dispatch completes, in completion order. */
  onProgress?(done: number, total: number, result: DispatchResult): void;
  /** Where the token came from, to sharpen error advice (GITHUB_TOKEN cannot reach cousins). */
  authSource?: string;
}

/**
 * Sends every planned repository_dispatch, one after the other. GitHub asks for writes to
 * be sent serially; the client's write queue spaces them (1 s apart by default), so a
 * concurrent loop here would only add secondary-limit risk and no throughput. Every
 * cousin gets a result; one failure never stops the others.
 *
 * Delivery is at-least-once: a connection lost after GitHub accepted the event looks
 * like a network error and is retried, and GitHub has no idempotency key for
 * dispatches, so the cousin may then get the event twice. Sync is idempotent (it
 * verifies the commit and skips what its Upstream-Commit trailer says it already has),
 * so a duplicate costs one workflow run and changes nothing.
 */
export async function sendDispatches(plan: DispatchPlan, options: SendOptions): Promise<DispatchReport> {
  const startedAt = new Date();
  const only = options.only ? new Set(options.only.map(repoKey)) : undefined;
  const skipReasonOf = (dispatch: PlannedDispatch): string | undefined =>
    only && !only.has(repoKey(dispatch.repo)) ? 'not in --only' : options.dryRun ? 'dry run' : undefined;
  const total = plan.dispatches.filter((d) => !skipReasonOf(d)).length;
  const results: DispatchResult[] = [];
  let done = 0;
  for (const dispatch of plan.dispatches) {
    const skipReason = skipReasonOf(dispatch);
    if (skipReason) {
      results.push({ repo: dispatch.repo, eventType: dispatch.eventType, features: dispatch.features, status: 'skipped', reason: skipReason, attempts: 0 });
      continue;
    }
    const result = await sendOne(dispatch, options);
    results.push(result);
    done += 1;
    options.onProgress?.(done, total, result);
  }
  for (const cousin of plan.skipped) {
    results.push({ repo: cousin.repo, eventType: null, features: cousin.features, status: 'skipped', reason: 'disabled in ecosystem.json', attempts: 0 });
  }
  const planned = new Set(plan.dispatches.map((d) => repoKey(d.repo)));
  const unknownOnly = (options.only ?? []).filter((repo) => !planned.has(repoKey(repo)));
  return summarise(plan, results, { startedAt, dryRun: Boolean(options.dryRun), unknownOnly });
}

/** Sends one dispatch and says what happened; never throws. */
export async function sendOne(dispatch: PlannedDispatch, options: Pick<SendOptions, 'octokitFor' | 'authSource'>): Promise<DispatchResult> {
  const base = { repo: dispatch.repo, eventType: dispatch.eventType, features: dispatch.features };
  const started = Date.now();
  let attempts = 0;
  try {
    const octokit = await options.octokitFor(dispatch.repo);
    const { owner, name } = parseRepoName(dispatch.repo);
    const baseFetch = (octokit.request.endpoint.DEFAULTS.request?.fetch as typeof fetch | undefined) ?? globalThis.fetch;
    const response = await octokit.request('POST /repos/{owner}/{repo}/dispatches', {
      owner,
      repo: name,
      event_type: dispatch.eventType,
      client_payload: dispatch.payload as unknown as Record<string, unknown>,
      // Counts each HTTP attempt, whichever plugin retries it.
      request: { fetch: (...args: Parameters<typeof fetch>) => ((attempts += 1), baseFetch(...args)) },
    });
    return { ...base, status: 'delivered', attempts, httpStatus: response.status, durationMs: Date.now() - started };
  } catch (error) {
    const e = error as { status?: number; response?: unknown };
    // The project's own errors (an App not installed on the owner) are already explained.
    const explained = error instanceof EcosystemError ? error.message : explainGitHubError(error, { action: 'send repository_dispatch', attempts, ...(options.authSource ? { authSource: options.authSource } : {}) });
    // The result names the cousin already.
    const reason = explained.startsWith(`${dispatch.repo}: `) ? explained.slice(dispatch.repo.length + 2) : explained;
    return { ...base, status: 'failed', reason, attempts, ...(e.response && e.status ? { httpStatus: e.status } : {}), durationMs: Date.now() - started };
  }
}
