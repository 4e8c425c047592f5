/** Public types of the simulator. */

export type Access = 'read' | 'write';
/** `workflows`: changing files under `.github/workflows/`, never implied by `write`. */
export type PermissionName = 'contents' | 'issues' | 'pull_requests' | 'metadata' | 'actions' | 'workflows';
export type TokenPermissions = Access | Partial<Record<PermissionName, Access>>;

export interface RecordedDispatch {
  repo: string;
  event_type: string;
  client_payload: Record<string, unknown>;
  receivedAt: string;
  requestId: string;
  /** Workflow runs the dispatch started (`sim.finishRun` completes them); empty when no workflow listens. */
  runIds?: number[];
}

export interface RecordedRequest {
  /** 1-based position among all API requests the sim received. */
  seq: number;
  method: string;
  /** Path below the API base, e.g. `/repos/o/r/dispatches` (no query string). */
  path: string;
  query: string;
  /** HTTP status sent; 0 when the connection was dropped without a response. */
  status: number;
  login?: string;
  at: string;
  requestId: string;
  /** Set when the answer came from fault injection or a rate limit. */
  fault?: string;
}

/**
 * What an injected fault does to a request. Status kinds answer with that status
 * and never run the handler; `drop` destroys the socket before the handler runs;
 * `drop-after-effect` runs the handler (the effect happens) and then destroys the
 * socket instead of answering, like a connection lost on the way back.
 */
export type FaultKind = 500 | 502 | 503 | 429 | 'drop' | 'drop-after-effect';

export interface FaultOptions {
  /** Chance (0..1) that a matching request faults, drawn from the seeded PRNG. */
  rate?: number;
  /** 1-based sequence numbers, counted among matching requests, that fault. */
  on?: number[];
  /** Kinds to inject; one is picked with the seeded PRNG. Default [500]. */
  kinds?: FaultKind[];
  /** Only requests whose method matches (string compared case-insensitively). */
  method?: string | RegExp;
  /** Only requests whose path (below the API base; the URL path for git) matches. */
  path?: RegExp;
  /** Extra latency for every matching request, fixed or drawn from a range. */
  latencyMs?: number | { min: number; max: number };
  /** Also apply to git smart-HTTP requests. Default false (API only). */
  git?: boolean;
  /** `retry-after` seconds sent with an injected 429. Default 1. */
  retryAfterSeconds?: number;
}

/**
 * GitHub's limits, all on by default at GitHub's numbers; every duration is in GitHub
 * seconds (see `SimOptions.secondMs`) unless its name ends in `Ms`.
 * https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api
 */
export interface RateLimitOptions {
  /** One primary limit for every identity, overriding the per-kind ones below. */
  limit?: number;
  /**
   * Primary limits per token kind and hour. Defaults: anonymous 60, PAT 5000, App JWT 5000,
   * `actions` (GITHUB_TOKEN-like) 1000 per repository, App installation 5000 + 50 per
   * repository over 20, at most 12 500.
   */
  primary?: Partial<{ anonymous: number; pat: number; app: number; actions: number; installationBase: number; installationPerRepoOver20: number; installationMax: number }>;
  /** Primary window in real ms. Default one GitHub hour. */
  windowMs?: number;
  /** Status for an exhausted primary limit. Default 403. */
  exhaustedStatus?: 403 | 429;
  /** Secondary: concurrent requests per identity above this are refused. Default 100. */
  maxConcurrent?: number;
  /** Secondary: content-creating requests (POST/PATCH/PUT/DELETE) per identity per GitHub minute. Default 80. */
  contentPerMinute?: number;
  /** Secondary: content-creating requests per identity per GitHub hour. Default 500. */
  contentPerHour?: number;
  /** Secondary: points per identity, per REST endpoint and GitHub minute. Default 900. */
  endpointPointsPerMinute?: number;
  /** Points of a GET/HEAD. Default 1. */
  readPoints?: number;
  /** Points of a POST/PATCH/PUT/DELETE. Default 5. */
  writePoints?: number;
  /** An extra custom write window: writes per identity per `writeWindowMs`. Default none. */
  writesPerWindow?: number;
  /** Custom write window in real ms. Default one GitHub minute. */
  writeWindowMs?: number;
  /** `retry-after` seconds sent with a secondary limit. Default 60. */
  retryAfterSeconds?: number;
  /**
   * When a secondary refusal carries `retry-after`: `always`, `never`, or `alternate`
   * (default: the first, third… refusal of an identity carry it, the others do not), as
   * GitHub sends it only sometimes.
   */
  secondaryRetryAfter?: 'always' | 'never' | 'alternate';
  /** Status for a secondary limit. Default 403. */
  secondaryStatus?: 403 | 429;
}

export interface CreateRepoOptions {
  defaultBranch?: string;
  private?: boolean;
  /** Initial commit with this folder's files, dotfiles included (a nested .git is skipped). */
  fromDir?: string;
  description?: string;
  /** Users who may be asked for reviews and assigned, beside the owner and PAT holders. */
  collaborators?: string[];
  /**
   * Draft pull requests allowed? Default: on public repositories only (a private
   * repository of a plan without drafts answers 422, as GitHub Free and Pro do).
   */
  draftPullRequests?: boolean;
}

export interface CreateTokenOptions {
  /**
   * `pat` (default): a personal access token of `login`. `actions`: a GITHUB_TOKEN-like
   * installation token of exactly one repository (`repos: [that one]`), acting as
   * `github-actions[bot]`, with its own 1,000 requests per hour; its refusals say "by integration".
   */
  kind?: 'pat' | 'actions';
  login?: string;
  repos: string[] | '*';
  permissions?: TokenPermissions;
}

export interface InstallationSpec {
  account: string;
  repos: string[] | '*';
  permissions?: TokenPermissions;
}

export interface SimApp {
  appId: number;
  /** PKCS#8 PEM, generated at runtime. */
  privateKey: string;
  slug: string;
  installations: { id: number; account: string }[];
}

export interface SimComment {
  id: number;
  body: string;
  user: string;
}

export interface SimIssue {
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: string | null;
  labels: string[];
  user: string;
  comments: SimComment[];
  isPullRequest: boolean;
}

export interface SimPull {
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  merged: boolean;
  mergeCommitSha: string | null;
  /** Branch names in the same repository. */
  head: string;
  base: string;
  /** Current tip of the head branch (or the tip when the pull was closed). */
  headSha: string | null;
  labels: string[];
  user: string;
  requestedReviewers: string[];
  comments: SimComment[];
}

export type SimEventName = 'pull_request' | 'issues' | 'push';

export interface PushEvent {
  repo: string;
  ref: string;
  before: string;
  after: string;
  pusher?: string;
}

/** GitHub's limits on content and computed fields; each on by default at GitHub's numbers. */
export interface ContentRules {
  /** A contents-API folder lists at most this many entries. Default 1000. */
  maxDirectoryEntries?: number;
  /** Files over this many bytes come from the contents API without content (`encoding: "none"`). Default 1 MB (1,048,576). */
  maxInlineFileBytes?: number;
  /** Files over this many bytes are refused by the contents API (403 `too_large`). Default 100 MB (104,857,600). */
  maxFileBytes?: number;
  /** `mergeable` is `null` until computed in the background after a change. Default true. */
  mergeableInBackground?: boolean;
  /** The background job takes at least this many GitHub seconds. Default 1. */
  mergeableAfterSeconds?: number;
}
