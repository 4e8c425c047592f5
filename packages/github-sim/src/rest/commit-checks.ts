import { ApiError, validationFailed } from '../api-error.js';
import type { RequestContext } from '../context.js';
import { paginate } from '../pagination.js';
import { defineRoute, type Route } from '../router.js';
import { repositoryShape } from '../shapes/repository.js';
import { nodeId, simpleUser } from '../shapes/user.js';
import { nowIso, type RepoRecord } from '../state.js';
import { actorLogin, repoFromParams, urlsOf } from './access.js';

// Commit statuses and check runs: what CI reports on a commit, read by `ecosystem status`
// for a sync PR's head. https://docs.github.com/rest/commits/statuses and /rest/checks/runs

type StatusState = 'error' | 'failure' | 'pending' | 'success';
const STATUS_STATES: readonly StatusState[] = ['error', 'failure', 'pending', 'success'];
const CHECK_STATUSES = ['queued', 'in_progress', 'completed', 'waiting', 'requested', 'pending'] as const;
const CONCLUSIONS = ['action_required', 'cancelled', 'failure', 'neutral', 'success', 'skipped', 'stale', 'timed_out'] as const;

interface StatusRecord {
  id: number;
  state: StatusState;
  context: string;
  description: string | null;
  targetUrl: string | null;
  creator: string;
  createdAt: string;
  updatedAt: string;
}

interface CheckRunRecord {
  id: number;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  detailsUrl: string | null;
  startedAt: string;
  completedAt: string | null;
  app: string;
}

// Kept beside the repository records (not persisted): CI results of a test run.
const statusesOf = new WeakMap<RepoRecord, Map<string, StatusRecord[]>>();
const checkRunsOf = new WeakMap<RepoRecord, CheckRunRecord[]>();
let nextId = 1;

async function commitOf(repo: RepoRecord, ref: string): Promise<string> {
  const sha = await repo.git.resolveCommit(ref);
  if (!sha) throw new ApiError(422, `No commit found for SHA: ${ref}`);
  return sha;
}

function optionalString(body: Record<string, unknown>, field: string): string | null {
  const value = body[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw validationFailed('Validation Failed', [{ resource: 'Status', code: 'invalid', field }]);
  return value;
}

async function createStatus(ctx: RequestContext) {
  const repo = repoFromParams(ctx, 'contents', 'write');
  const sha = await commitOf(repo, ctx.params.sha!);
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  if (!STATUS_STATES.includes(body.state as StatusState)) throw validationFailed('Validation Failed', [{ resource: 'Status', code: 'custom', field: 'state', message: 'state is not included in the list' }]);
  const now = nowIso();
  const record: StatusRecord = {
    id: nextId++,
    state: body.state as StatusState,
    context: optionalString(body, 'context') ?? 'default',
    description: optionalString(body, 'description'),
    targetUrl: optionalString(body, 'target_url'),
    creator: actorLogin(ctx),
    createdAt: now,
    updatedAt: now,
  };
  const bySha = statusesOf.get(repo) ?? new Map<string, StatusRecord[]>();
  statusesOf.set(repo, bySha);
  bySha.set(sha, [record, ...(bySha.get(sha) ?? [])]);
  return { status: 201, body: statusShape(ctx, repo, sha, record, true) };
}

function statusShape(ctx: RequestContext, repo: RepoRecord, sha: string, record: StatusRecord, withCreator: boolean): Record<string, unknown> {
  const creator = ctx.core.state.user(record.creator);
  return {
    url: `${ctx.core.apiUrl}/repos/${repo.fullName}/statuses/${sha}`,
    avatar_url: simpleUser(urlsOf(ctx), creator).avatar_url,
    id: record.id,
    node_id: nodeId('StatusContext', record.id),
    state: record.state,
    description: record.description,
    target_url: record.targetUrl,
    context: record.context,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    ...(withCreator ? { creator: simpleUser(urlsOf(ctx), creator) } : {}),
  };
}

/** GitHub's rule: any failure or error fails, else any pending (or none at all) is pending. */
function combinedState(latest: readonly StatusRecord[]): StatusState {
  if (latest.some((s) => s.state === 'failure' || s.state === 'error')) return 'failure';
  if (latest.length === 0 || latest.some((s) => s.state === 'pending')) return 'pending';
  return 'success';
}

async function combinedStatus(ctx: RequestContext) {
  const repo = repoFromParams(ctx, 'contents', 'read');
  const sha = await commitOf(repo, ctx.params.ref!);
  const all = statusesOf.get(repo)?.get(sha) ?? [];
  // Newest first; only the latest status of each context counts.
  const latest = [...new Map(all.map((s) => [s.context, s] as const).reverse()).values()].reverse();
  return {
    status: 200,
    body: {
      state: combinedState(latest),
      statuses: latest.map((record) => statusShape(ctx, repo, sha, record, false)),
      sha,
      total_count: latest.length,
      repository: repositoryShape(urlsOf(ctx), ctx.core.state, repo),
      commit_url: `${ctx.core.apiUrl}/repos/${repo.fullName}/commits/${sha}`,
      url: `${ctx.core.apiUrl}/repos/${repo.fullName}/commits/${sha}/status`,
    },
  };
}

async function createCheckRun(ctx: RequestContext) {
  // GitHub: "Only GitHub Apps can create check runs"; a PAT gets 403.
  if (ctx.principal.kind !== 'token' || ctx.principal.token.kind !== 'installation') throw new ApiError(403, 'You must authenticate via a GitHub App.');
  const repo = repoFromParams(ctx, 'contents', 'write');
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  if (typeof body.name !== 'string' || typeof body.head_sha !== 'string') throw validationFailed('Validation Failed', [{ resource: 'CheckRun', code: 'missing_field', field: typeof body.name !== 'string' ? 'name' : 'head_sha' }]);
  const headSha = await commitOf(repo, body.head_sha);
  const status = (body.conclusion !== undefined ? 'completed' : (body.status ?? 'queued')) as string;
  const conclusion = (body.conclusion ?? null) as string | null;
  if (!(CHECK_STATUSES as readonly string[]).includes(status) || (conclusion !== null && !(CONCLUSIONS as readonly string[]).includes(conclusion))) throw validationFailed('Validation Failed', [{ resource: 'CheckRun', code: 'invalid', field: conclusion === null ? 'status' : 'conclusion' }]);
  if (status === 'completed' && conclusion === null) throw validationFailed('Validation Failed', [{ resource: 'CheckRun', code: 'missing_field', field: 'conclusion' }]);
  const now = nowIso();
  const record: CheckRunRecord = { id: nextId++, name: body.name, headSha, status, conclusion, detailsUrl: optionalString(body, 'details_url'), startedAt: now, completedAt: status === 'completed' ? now : null, app: ctx.principal.login };
  checkRunsOf.set(repo, [...(checkRunsOf.get(repo) ?? []), record]);
  return { status: 201, body: checkRunShape(ctx, repo, record) };
}

function checkRunShape(ctx: RequestContext, repo: RepoRecord, run: CheckRunRecord): Record<string, unknown> {
  const url = `${ctx.core.apiUrl}/repos/${repo.fullName}/check-runs/${run.id}`;
  return {
    id: run.id,
    head_sha: run.headSha,
    node_id: nodeId('CheckRun', run.id),
    external_id: null,
    url,
    html_url: `${ctx.core.webUrl}/${repo.fullName}/runs/${run.id}`,
    details_url: run.detailsUrl,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    output: { title: null, summary: null, text: null, annotations_count: 0, annotations_url: `${url}/annotations` },
    name: run.name,
    check_suite: { id: run.id },
    app: null,
    pull_requests: [],
  };
}

async function listCheckRuns(ctx: RequestContext) {
  const repo = repoFromParams(ctx, 'contents', 'read');
  const sha = await commitOf(repo, ctx.params.ref!);
  const name = ctx.query.get('check_name');
  const runs = (checkRunsOf.get(repo) ?? []).filter((run) => run.headSha === sha && (name === null || run.name === name)).reverse();
  // filter=latest (the default): the newest run of each name.
  const wanted = ctx.query.get('filter') === 'all' ? runs : [...new Map(runs.map((run) => [run.name, run] as const).reverse()).values()].reverse();
  const { items, headers } = paginate(ctx, wanted);
  return { status: 200, body: { total_count: wanted.length, check_runs: items.map((run) => checkRunShape(ctx, repo, run)) }, headers };
}

export const commitCheckRoutes: Route[] = [
  defineRoute('POST', '/repos/{owner}/{repo}/statuses/{sha}', createStatus),
  defineRoute('GET', '/repos/{owner}/{repo}/commits/{ref+}/status', combinedStatus),
  defineRoute('POST', '/repos/{owner}/{repo}/check-runs', createCheckRun),
  defineRoute('GET', '/repos/{owner}/{repo}/commits/{ref+}/check-runs', listCheckRuns),
];
