import type { RequestContext } from '../context.js';
import { paginate } from '../pagination.js';
import { defineRoute, type Route } from '../router.js';
import { repositoryShape } from '../shapes/repository.js';
import { simpleUser, nodeId, type Urls } from '../shapes/user.js';
import type { RepoRecord, SimState } from '../state.js';
import { workflowRunsOf, type WorkflowRunRecord } from '../workflow-runs.js';
import { repoFromParams, urlsOf } from './access.js';

/** GitHub's `status` filter takes a status or a conclusion. */
function matchesStatus(run: WorkflowRunRecord, wanted: string | null): boolean {
  return wanted === null || run.status === wanted || run.conclusion === wanted;
}

function listRuns(ctx: RequestContext) {
  const repo = repoFromParams(ctx, 'actions', 'read');
  const event = ctx.query.get('event');
  const branch = ctx.query.get('branch');
  const headSha = ctx.query.get('head_sha');
  const status = ctx.query.get('status');
  const runs = workflowRunsOf(ctx.core, repo.fullName).filter(
    (run) => (event === null || run.event === event) && (branch === null || run.headBranch === branch) && (headSha === null || run.headSha === headSha) && matchesStatus(run, status),
  );
  const page = paginate(ctx, runs);
  const urls = urlsOf(ctx);
  return { status: 200, body: { total_count: runs.length, workflow_runs: page.items.map((run) => workflowRunShape(urls, ctx.core.state, repo, run)) }, headers: page.headers };
}

/** GitHub's `workflow-run`. */
export function workflowRunShape(urls: Urls, state: SimState, repo: RepoRecord, run: WorkflowRunRecord): Record<string, unknown> {
  const api = `${urls.api}/repos/${repo.fullName}`;
  const runApi = `${api}/actions/runs/${run.id}`;
  const repository = repositoryShape(urls, state, repo);
  const actor = simpleUser(urls, state.user(run.actor));
  return {
    id: run.id,
    name: run.name,
    node_id: nodeId('WFR', run.id),
    check_suite_id: run.id,
    check_suite_node_id: nodeId('CS', run.id),
    head_branch: run.headBranch,
    head_sha: run.headSha,
    path: run.path,
    display_title: run.name,
    run_number: run.runNumber,
    run_attempt: 1,
    referenced_workflows: [],
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    workflow_id: run.workflowId,
    url: runApi,
    html_url: `${urls.web}/${repo.fullName}/actions/runs/${run.id}`,
    pull_requests: [],
    created_at: run.createdAt,
    updated_at: run.updatedAt,
    actor,
    triggering_actor: actor,
    run_started_at: run.createdAt,
    jobs_url: `${runApi}/jobs`,
    logs_url: `${runApi}/logs`,
    check_suite_url: `${api}/check-suites/${run.id}`,
    artifacts_url: `${runApi}/artifacts`,
    cancel_url: `${runApi}/cancel`,
    rerun_url: `${runApi}/rerun`,
    previous_attempt_url: null,
    workflow_url: `${api}/actions/workflows/${run.workflowId}`,
    head_commit: null,
    repository,
    head_repository: repository,
    head_repository_id: repo.id,
  };
}

export const actionsRunRoutes: Route[] = [defineRoute('GET', '/repos/{owner}/{repo}/actions/runs', listRuns)];
