import { parseRepoName, ProblemsFound, RejectedPayload, UsageError, type CousinConfig, type CousinSubscription, type DispatchPayload } from '@ecosystem-dispatcher/core';
import { webUrlFromApiUrl, type Octokit } from '@ecosystem-dispatcher/github';
import { CousinRepo } from './cousin-repo.js';
import { listOpenUpstreamIssues, reportToUpstream, resolveUpstreamIssue, type OpenUpstreamIssue } from './failure-issue.js';
import { UpstreamRepo } from './fetch-upstream.js';
import { githubCall, SyncPullRequests } from './pull-request.js';
import { syncFeature, type FeatureResult } from './sync-feature.js';
import { followedFeatures, type RequestedFeatures } from './payload-features.js';
import { requireUpstream, subscriptionFor } from './verify.js';
import { verifiedSnapshots, verifyUpstreamCommit } from './verify-upstream.js';

/**
 * What to sync: a received dispatch, a person's request in pull mode, or a catch-up (a
 * scheduled run): every subscribed feature to the upstream's latest commit, under the same
 * rules as a dispatch (3-way, baseline, no rollback).
 */
export type SyncRequest =
  | { kind: 'dispatch'; payload: DispatchPayload }
  | { kind: 'pull'; feature: string; to: string | 'latest'; /** Lets `to` be older than, or beside, the last sync (a deliberate rollback). */ allowRollback?: boolean }
  | { kind: 'catch-up' };

export interface SyncRunOptions {
  config: CousinConfig;
  request: SyncRequest;
  repoDir: string;
  /** `owner/name` of the cousin (GITHUB_REPOSITORY). */
  cousin: string;
  /** Clients for the cousin and the monorepo (the same one for a PAT); none in local mode. */
  cousinOctokit?: Octokit | undefined;
  upstreamOctokit?: Octokit | undefined;
  cousinToken?: string | undefined;
  upstreamToken?: string | undefined;
  /** Overrides the clone URL from the repos API. */
  upstreamUrl?: string | undefined;
  /** Where upstream commit links point when the API is not asked (GITHUB_SERVER_URL). */
  serverUrl?: string | undefined;
  runUrl?: string | undefined;
  now?: () => Date;
  dryRun?: boolean;
  /** Open/update the monorepo issue on failure (default true). */
  notify?: boolean;
  /** `--no-pr`: commit to a local branch only. */
  localOnly?: boolean;
  log: (line: string) => void;
  /** Extra environment for every git call (tests). */
  gitEnv?: Record<string, string>;
}

export interface SyncRunResult {
  target: string;
  features: FeatureResult[];
  /** Pack bytes fetched from upstream. */
  upstreamBytes: number;
  /** Features the dispatch named that this cousin does not follow (not synced). */
  notFollowed: string[];
}

/**
 * The cousin side of a dispatch, start to end: verify (payload, then upstream history),
 * fetch only the features, apply per method, one PR per feature. On failure, one issue on
 * the monorepo per cousin and feature, then the error is rethrown.
 */
export async function runSync(options: SyncRunOptions): Promise<SyncRunResult> {
  const upstreamName = requireUpstream(options.config);
  let subscriptions: CousinSubscription[] | undefined;
  try {
    const requested = requestedSubscriptions(options.request, options.config);
    subscriptions = requested.subscriptions;
    for (const { reason } of requested.notFollowed) options.log(`not synced: ${reason}`);
    return await syncVerified(options, upstreamName, requested);
  } catch (error) {
    // Failures of one feature were reported by syncVerified; this is a failure of the whole run.
    if (!(error instanceof FeaturesFailed)) await notifyFailure(options, upstreamName, subscriptions?.length === 1 ? subscriptions[0]!.path : undefined, error);
    throw error;
  }
}

/** Some features failed (each reported upstream on its own issue); the others were synced. */
export class FeaturesFailed extends ProblemsFound {
  constructor(
    readonly failures: { feature: string; error: unknown }[],
    readonly result: SyncRunResult,
  ) {
    const [first] = failures;
    const more = failures.length > 1 ? ` (and ${failures.length - 1} more feature(s))` : '';
    super(`${first!.feature}: ${first!.error instanceof Error ? first!.error.message : String(first!.error)}${more}`);
  }
}

function requestedSubscriptions(request: SyncRequest, config: CousinConfig): RequestedFeatures {
  if (request.kind === 'dispatch') return followedFeatures(request.payload, config);
  if (request.kind === 'catch-up') return { subscriptions: [...config.subscriptions], notFollowed: [] };
  return { subscriptions: [subscriptionFor(request.feature, config)], notFollowed: [] };
}

async function syncVerified(options: SyncRunOptions, upstreamName: string, requested: RequestedFeatures): Promise<SyncRunResult> {
  const { subscriptions } = requested;
  const location = await upstreamLocation(options, upstreamName);
  const api = options.upstreamOctokit ? { octokit: options.upstreamOctokit, ...repoParts(upstreamName) } : undefined;
  const upstream = await UpstreamRepo.create(location, { token: options.upstreamToken, env: { GIT_LITERAL_PATHSPECS: '1', ...options.gitEnv }, api });
  try {
    const latest = wantsLatest(options.request) && options.upstreamOctokit ? await latestUpstreamCommit(options.upstreamOctokit, upstreamName, upstream.defaultBranch) : undefined;
    const tip = await upstream.fetchHistoryWith(knownTarget(options.request) ?? latest, subscriptions.map((s) => s.path));
    const target = options.request.kind === 'dispatch' ? options.request.payload.commit_sha : (latest ?? resolvePullTarget(options.request.kind === 'pull' ? options.request.to : 'latest', tip));
    await verifyUpstreamCommit(upstream, target, (options.now ?? (() => new Date()))(), options.config.maxAgeDays);
    const snapshots = await verifiedSnapshots(upstream, target, subscriptions);
    const cousin = await CousinRepo.open(options.repoDir, options.cousinToken, options.gitEnv);
    const pulls = options.localOnly || !options.cousinOctokit ? undefined : new SyncPullRequests(options.cousinOctokit, parseRepoName(options.cousin));
    const defaultBranch = await cousinDefaultBranch(options, cousin);
    const features: FeatureResult[] = [];
    const failures: { feature: string; error: unknown }[] = [];
    const issues = new OpenIssues(upstreamName);
    const ctx = { config: options.config, upstreamName, upstreamHtmlUrl: location.htmlUrl, upstream, cousin, defaultBranch, target, pulls, dryRun: Boolean(options.dryRun), log: options.log,
      allowRollback: options.request.kind === 'pull' && options.request.allowRollback === true, runUrl: options.runUrl, notSynced: requested.notFollowed.map((n) => n.feature) };
    // Each feature has its own branch, PR and issue: one failing does not hold the others back.
    for (const subscription of subscriptions) {
      try {
        const result = await syncFeature(ctx, subscription, snapshots.get(subscription.path) ?? []);
        options.log(result.summary);
        features.push(result);
        await notifySuccess(options, upstreamName, subscription.path, `${options.cousin} synced \`${subscription.path}\` at ${target}: ${result.summary}`, issues);
      } catch (error) {
        if (error instanceof UsageError) throw error;
        options.log(`${subscription.path}: failed: ${error instanceof Error ? error.message : String(error)}`);
        failures.push({ feature: subscription.path, error });
        await notifyFailure(options, upstreamName, subscription.path, error);
        issues.forget();
      }
    }
    const result = { target, features, upstreamBytes: await upstream.receivedBytes(), notFollowed: requested.notFollowed.map((n) => n.feature) };
    if (failures.length > 0) throw new FeaturesFailed(failures, result);
    await notifySuccess(options, upstreamName, undefined, `${options.cousin} synced ${target} without a failure.`, issues);
    return result;
  } finally {
    await upstream.remove();
  }
}

/** The commit to sync when it is known before the history is (not `--to latest`). */
function knownTarget(request: SyncRequest): string | undefined {
  if (request.kind === 'dispatch') return request.payload.commit_sha;
  if (request.kind === 'catch-up') return undefined;
  return /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(request.to) ? request.to : undefined;
}

function wantsLatest(request: SyncRequest): boolean {
  return request.kind === 'catch-up' || (request.kind === 'pull' && request.to === 'latest');
}

/**
 * The newest commit of the upstream's default branch, from the API. Asked conditionally
 * (see the client's ConditionalCache): when nothing was pushed since the last ask, GitHub
 * answers 304, which costs no rate-limit budget.
 */
async function latestUpstreamCommit(octokit: Octokit, upstreamName: string, branch: string): Promise<string> {
  const { owner, name } = parseRepoName(upstreamName);
  const { data } = await githubCall(upstreamName, `read the upstream branch ${branch}`, () => octokit.rest.git.getRef({ owner, repo: name, ref: `heads/${branch}` }));
  return data.object.sha;
}

function repoParts(fullName: string): { owner: string; repo: string } {
  const { owner, name } = parseRepoName(fullName);
  return { owner, repo: name };
}

function resolvePullTarget(to: string, tip: string): string {
  if (to === 'latest') return tip;
  if (!/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(to)) throw new RejectedPayload(`--to ${JSON.stringify(to)} is not a full lowercase hex SHA or "latest"`);
  return to;
}

interface Location {
  url: string;
  defaultBranch: string | undefined;
  htmlUrl: string;
}

async function upstreamLocation(options: SyncRunOptions, upstreamName: string): Promise<Location> {
  const serverUrl = (options.serverUrl ?? 'https://github.com').replace(/\/+$/, '');
  if (!options.upstreamOctokit) {
    if (!options.upstreamUrl) throw new Error('no GitHub client and no --upstream-url: cannot tell where to fetch the upstream from');
    return { url: options.upstreamUrl, defaultBranch: undefined, htmlUrl: `${serverUrl}/${upstreamName}` };
  }
  // The repository lives where the API is: its clone and web addresses follow from the API's
  // address, and git names its default branch — one request less per sync, per cousin.
  const web = webUrlFromApiUrl(options.upstreamOctokit.request.endpoint.DEFAULTS.baseUrl);
  if (web) return { url: options.upstreamUrl ?? `${web}/${upstreamName}.git`, defaultBranch: undefined, htmlUrl: `${web}/${upstreamName}` };
  const { owner, name } = parseRepoName(upstreamName);
  const octokit = options.upstreamOctokit;
  const repo = await githubCall(upstreamName, 'read the upstream repository', () => octokit.rest.repos.get({ owner, repo: name }));
  return { url: options.upstreamUrl ?? repo.data.clone_url, defaultBranch: repo.data.default_branch, htmlUrl: repo.data.html_url };
}

/** Asked of git (`ls-remote --symref`), which costs no API budget; the cousin is fetched from origin anyway. */
async function cousinDefaultBranch(options: SyncRunOptions, cousin: CousinRepo): Promise<string> {
  if (options.localOnly || !options.cousinOctokit) return (await cousin.currentBranch()) ?? 'HEAD';
  return cousin.defaultBranchFromOrigin();
}

async function notifyFailure(options: SyncRunOptions, upstreamName: string, feature: string | undefined, error: unknown): Promise<void> {
  if (options.notify === false || options.dryRun || !options.upstreamOctokit) return;
  const reason = error instanceof Error ? error.message : String(error);
  try {
    const issue = await reportToUpstream(options.upstreamOctokit, {
      upstream: parseRepoName(upstreamName),
      cousin: options.cousin,
      feature,
      kind: 'failure',
      message: `${options.cousin} could not sync ${feature ? `\`${feature}\`` : 'a dispatch'}:\n\n${fenced(reason)}`,
      runUrl: options.runUrl,
    });
    options.log(`${issue.created ? 'opened' : 'updated'} upstream issue #${issue.number} ${issue.htmlUrl}`);
  } catch (notifyError) {
    options.log(`could not report the failure upstream: ${notifyError instanceof Error ? notifyError.message : String(notifyError)}`);
  }
}

/** The monorepo's open sync issues, listed at most once per run (again only after this run opened or commented one). */
class OpenIssues {
  private listed: Promise<OpenUpstreamIssue[]> | undefined;

  constructor(private readonly upstreamName: string) {}

  get(octokit: Octokit): Promise<OpenUpstreamIssue[]> {
    this.listed ??= listOpenUpstreamIssues(octokit, parseRepoName(this.upstreamName));
    this.listed.catch(() => this.forget());
    return this.listed;
  }

  forget(): void {
    this.listed = undefined;
  }
}

/** A success closes the issue an earlier failure (or decline) opened; a failure to close it only logs. */
async function notifySuccess(options: SyncRunOptions, upstreamName: string, feature: string | undefined, message: string, issues: OpenIssues): Promise<void> {
  if (options.notify === false || options.dryRun || options.localOnly || !options.upstreamOctokit) return;
  try {
    const closed = await resolveUpstreamIssue(options.upstreamOctokit, { upstream: parseRepoName(upstreamName), cousin: options.cousin, feature, message, runUrl: options.runUrl }, issues.get(options.upstreamOctokit));
    if (closed !== undefined) options.log(`closed upstream issue #${closed}: the sync succeeded`);
  } catch (closeError) {
    options.log(`could not close the upstream issue: ${closeError instanceof Error ? closeError.message : String(closeError)}`);
  }
}

/** Payload text may end up in the reason: a fence keeps it from rendering as markdown (links, @mentions). */
export function fenced(text: string): string {
  return ['~~~text', text.replace(/~{3,}/g, '~'), '~~~'].join('\n');
}
