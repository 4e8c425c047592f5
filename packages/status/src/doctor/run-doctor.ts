import { GitHubError, isGlobPattern, parseRepoName, type Cousin, type EcosystemConfig } from '@ecosystem-dispatcher/core';
import { explainGitHubError, type Octokit } from '@ecosystem-dispatcher/github';
import { diagnoseCousin } from './diagnose.js';
import type { CousinWiring, DoctorReport } from './model.js';
import { readCousinFacts } from './read-cousin.js';
import { routedFeatures } from './routing.js';

export interface DoctorOptions {
  config: EcosystemConfig;
  /** `owner/name` of the monorepo the cousins follow. */
  monorepo: string;
  clients: { forRepo(repo: string): Promise<Octokit> };
  /** Cousins read at the same time. Default 4. */
  concurrency?: number;
  now?: () => Date;
}

/** Checks the wiring of every cousin of ecosystem.json through GET requests only. */
export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const files = options.config.cousins.some((c) => c.enabled && c.subscriptions.some(isGlobPattern)) ? await monorepoFiles(options) : [];
  const cousins: CousinWiring[] = [];
  const queue = [...options.config.cousins];
  const worker = async () => {
    for (let cousin = queue.shift(); cousin; cousin = queue.shift()) cousins[cousin.index] = await checkCousin(cousin, options, files);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 4, queue.length)) }, worker));
  const list = cousins.filter(Boolean);
  return {
    monorepo: options.monorepo,
    generatedAt: (options.now?.() ?? new Date()).toISOString(),
    cousins: list,
    findingCount: list.reduce((sum, c) => sum + c.findings.length, 0),
  };
}

async function checkCousin(cousin: Cousin, options: DoctorOptions, files: readonly string[]): Promise<CousinWiring> {
  const base = { cousin: cousin.repo, eventType: cousin.eventType };
  if (!cousin.enabled) return { ...base, enabled: false, findings: [], notes: ['enabled: false in ecosystem.json: never dispatched to, not checked'] };
  try {
    const octokit = await options.clients.forRepo(cousin.repo);
    const facts = await readCousinFacts(octokit, cousin.repo);
    return diagnoseCousin(cousin, options.monorepo, facts, routedFeatures(cousin, options.config.exclude, files));
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    if (!(error instanceof GitHubError) && typeof status !== 'number') throw error;
    const problem = error instanceof GitHubError ? error.message : explainGitHubError(error, { repo: cousin.repo, action: 'read the cousin' });
    const fix = status === 404 ? 'check the name in ecosystem.json, and give the token access to the repository' : 'give the token read access to the repository, then run doctor again';
    return { ...base, enabled: true, findings: [{ check: 'reachable', problem, fix }], notes: [] };
  }
}

/** Every file of the monorepo's default branch, for the features its globs send. */
async function monorepoFiles(options: DoctorOptions): Promise<string[]> {
  const { owner, name } = parseRepoName(options.monorepo);
  try {
    const octokit = await options.clients.forRepo(options.monorepo);
    const repo = await octokit.rest.repos.get({ owner, repo: name });
    const tree = await octokit.rest.git.getTree({ owner, repo: name, tree_sha: repo.data.default_branch, recursive: 'true' });
    if (tree.data.truncated) throw new GitHubError(`${options.monorepo}: its file tree is too large for one API listing; glob subscriptions cannot be checked`);
    return tree.data.tree.filter((entry) => entry.type === 'blob' && entry.path).map((entry) => entry.path!);
  } catch (error) {
    if (error instanceof GitHubError || typeof (error as { status?: unknown }).status !== 'number') throw error;
    throw new GitHubError(`cannot list the monorepo's files: ${explainGitHubError(error, { repo: options.monorepo, action: 'read the monorepo tree' })}`, (error as { status: number }).status, { cause: error });
  }
}
