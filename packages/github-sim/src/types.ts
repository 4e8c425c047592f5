/** Public types of the simulator. */

export type Access = 'read' | 'write';
export type PermissionName = 'contents' | 'issues' | 'pull_requests' | 'metadata' | 'actions';
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

export interface RateLimitOptions {
  /** Primary limit per identity and window. Default 5000 (60 for anonymous). */
  limit?: number;
  /** Primary window length; `x-ratelimit-reset` is its end. Default 3 600 000 ms. */
  windowMs?: number;
  /** Status for an exhausted primary limit. Default 403. */
  exhaustedStatus?: 403 | 429;
  /** Secondary limit: concurrent requests per identity above this are refused. Default 100. */
  maxConcurrent?: number;
  /** Secondary limit: writes (POST/PATCH/PUT/DELETE) per identity per write window. Default unlimited. */
  writesPerWindow?: number;
  /** Write window length. Default 60 000 ms. */
  writeWindowMs?: number;
  /** `retry-after` seconds sent with a secondary limit. Default 60. */
  retryAfterSeconds?: number;
  /** Status for a secondary limit. Default 403. */
  secondaryStatus?: 403 | 429;
}

export interface CreateRepoOptions {
  defaultBranch?: string;
  private?: boolean;
  /** Initial commit with this folder's files, dotfiles included (a nested .git is skipped). */
  fromDir?: string;
  description?: string;
}

export interface CreateTokenOptions {
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
