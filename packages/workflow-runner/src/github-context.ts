import path from 'node:path';
import type { ExpressionContexts } from './expressions.js';
import type { RunnerOptions } from './runner-options.js';

/**
 * The \`github\` context of a local run: the event, plus defaults a test overrides
 * through \`options.github\` (repository, sha, ref, server_url, api_url…).
 */
export function githubContext(options: RunnerOptions, workspace: string, eventPath: string): Record<string, unknown> {
  const repository = String(options.github?.repository ?? 'octo-org/example');
  const ref = String(options.github?.ref ?? 'refs/heads/main');
  return {
    event_name: options.event.name,
    event: options.event.payload,
    event_path: eventPath,
    repository,
    repository_owner: repository.split('/')[0],
    ref,
    ref_name: ref.replace(/^refs\/(heads|tags)\//, ''),
    ref_type: ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    sha: '0'.repeat(40),
    head_ref: '',
    base_ref: '',
    workspace,
    server_url: 'https://github.com',
    api_url: 'https://api.github.com',
    graphql_url: 'https://api.github.com/graphql',
    run_id: '1',
    run_number: '1',
    run_attempt: '1',
    actor: 'octocat',
    triggering_actor: 'octocat',
    workflow: 'local',
    token: options.secrets?.GITHUB_TOKEN ?? '',
    ...options.github,
  };
}

export function baseContexts(github: Record<string, unknown>, options: RunnerOptions, runnerTemp: string): ExpressionContexts {
  return {
    github,
    env: {},
    inputs: {},
    secrets: {},
    vars: options.vars ?? {},
    steps: {},
    needs: {},
    runner: { os: 'Linux', arch: 'X64', name: 'local', environment: 'self-hosted', temp: runnerTemp, tool_cache: path.join(runnerTemp, 'tool-cache') },
    job: { status: 'success' },
    matrix: {},
    strategy: {},
  };
}

/** The variables a runner sets for every step. */
export function defaultVariables(github: Record<string, unknown>, runnerTemp: string): Record<string, string> {
  const text = (key: string) => String(github[key] ?? '');
  return {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: text('event_name'),
    GITHUB_EVENT_PATH: text('event_path'),
    GITHUB_WORKSPACE: text('workspace'),
    GITHUB_REPOSITORY: text('repository'),
    GITHUB_REPOSITORY_OWNER: text('repository_owner'),
    GITHUB_REF: text('ref'),
    GITHUB_REF_NAME: text('ref_name'),
    GITHUB_SHA: text('sha'),
    GITHUB_HEAD_REF: text('head_ref'),
    GITHUB_BASE_REF: text('base_ref'),
    GITHUB_SERVER_URL: text('server_url'),
    GITHUB_API_URL: text('api_url'),
    GITHUB_GRAPHQL_URL: text('graphql_url'),
    GITHUB_RUN_ID: text('run_id'),
    GITHUB_RUN_NUMBER: text('run_number'),
    GITHUB_RUN_ATTEMPT: text('run_attempt'),
    GITHUB_ACTOR: text('actor'),
    GITHUB_WORKFLOW: text('workflow'),
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_TEMP: runnerTemp,
  };
}
