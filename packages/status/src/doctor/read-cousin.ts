import { ConfigError, parseCousinConfig, parseRepoName, repoKey, type CousinConfig } from '@ecosystem-dispatcher/core';
import type { Octokit } from '@ecosystem-dispatcher/github';
import type { WorkflowFile } from './workflow-listeners.js';

/** What doctor reads of one cousin, all through GET requests. */
export interface CousinFacts {
  defaultBranch: string;
  /** The token's `push` permission from GET /repos, undefined when GitHub does not say (App tokens). */
  canPush: boolean | undefined;
  workflows: WorkflowFile[];
  subscriptions: { config: CousinConfig } | { missing: true } | { invalid: string };
  lastDispatchRun: LastRun | undefined | { unreadable: string };
}

export interface LastRun {
  status: string | null;
  conclusion: string | null;
  url: string;
  createdAt: string;
}

export const SUBSCRIPTIONS_PATH = 'subscriptions.json';
const WORKFLOWS_DIR = '.github/workflows';

export async function readCousinFacts(octokit: Octokit, cousin: string): Promise<CousinFacts> {
  const { owner, name } = parseRepoName(cousin);
  const repo = (await octokit.rest.repos.get({ owner, repo: name })).data;
  const ref = repo.default_branch;
  return {
    defaultBranch: ref,
    canPush: repo.permissions?.push,
    workflows: await readWorkflows(octokit, owner, name, ref),
    subscriptions: await readSubscriptions(octokit, owner, name, ref),
    lastDispatchRun: await readLastDispatchRun(octokit, owner, name),
  };
}

async function readText(octokit: Octokit, owner: string, repo: string, path: string, ref: string): Promise<string | undefined> {
  try {
    const { data } = await octokit.rest.repos.getContent({ owner, repo, path, ref });
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return undefined;
    return Buffer.from(data.content, 'base64').toString('utf8');
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}

/** Only workflows of the default branch run on repository_dispatch. */
async function readWorkflows(octokit: Octokit, owner: string, repo: string, ref: string): Promise<WorkflowFile[]> {
  let listing;
  try {
    listing = (await octokit.rest.repos.getContent({ owner, repo, path: WORKFLOWS_DIR, ref })).data;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return [];
    throw error;
  }
  if (!Array.isArray(listing)) return [];
  const files: WorkflowFile[] = [];
  for (const entry of listing) {
    if (entry.type !== 'file' || !/\.ya?ml$/.test(entry.name)) continue;
    const text = await readText(octokit, owner, repo, entry.path, ref);
    if (text !== undefined) files.push({ path: entry.path, text });
  }
  return files;
}

async function readSubscriptions(octokit: Octokit, owner: string, repo: string, ref: string): Promise<CousinFacts['subscriptions']> {
  const text = await readText(octokit, owner, repo, SUBSCRIPTIONS_PATH, ref);
  if (text === undefined) return { missing: true };
  try {
    return { config: parseCousinConfig(text, SUBSCRIPTIONS_PATH) };
  } catch (error) {
    if (error instanceof ConfigError) return { invalid: error.message };
    throw error;
  }
}

async function readLastDispatchRun(octokit: Octokit, owner: string, repo: string): Promise<CousinFacts['lastDispatchRun']> {
  try {
    const { data } = await octokit.rest.actions.listWorkflowRunsForRepo({ owner, repo, event: 'repository_dispatch', per_page: 1 });
    const run = data.workflow_runs[0];
    return run ? { status: run.status, conclusion: run.conclusion, url: run.html_url, createdAt: run.created_at } : undefined;
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 403 || status === 404) return { unreadable: `the token cannot read its Actions runs (HTTP ${status})` };
    throw error;
  }
}

export function sameRepo(a: string, b: string): boolean {
  return repoKey(a) === repoKey(b);
}
