import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_REPO } from '@ecosystem-dispatcher/core';
import { TEST_GIT_ENV } from '@ecosystem-dispatcher/core/testing';
import type { RecordedDispatch } from '@ecosystem-dispatcher/github-sim';
import { checkAnswers, renderSubscriptions, renderWorkflow } from 'create-cousin';
import { runWorkflow } from '../index.js';
import type { WorkflowRun } from '../index.js';
import { CUSTOM_EVENT, FEATURE, FEATURE_FILE, SELECTORS, cousinSubscription, ecosystemEntry, type Cell, type Selector } from './matrix-cells.js';
import { CLI_ENTRY, createWorld, dispatchPayload, pushPayload, REPOSITORY_ROOT, workflowFile, writeAndCommit, type World } from './shipped-workflow-world.js';

const run = promisify(execFile);
export const MONOREPO = 'acme/mono';
export const V2 = 'def push():\n    return "v2"\n';
const DOCS_FILE = `${FEATURE}/docs/readme.md`;

/** What happened on each side, for the assertions. */
export interface MatrixOutcome {
  world: World;
  /** The monorepo side per selector and config file: exit code (0 = success) and output. */
  senders: { selector: Selector; config: string; ok: boolean; log: string }[];
  /** Cousin workflow runs, by cousin: one per run a dispatch started. */
  cousinRuns: Map<string, { dispatch: RecordedDispatch; result: string; log: string }[]>;
  seconds: number;
}

function configFiles(cells: readonly Cell[], selector: Selector): { file: string; content: unknown }[] {
  const mine = cells.filter((cell) => cell.selector === selector);
  const seed = mine.filter((cell) => cell.form === 'seed-array').map(ecosystemEntry);
  const rich = mine.filter((cell) => cell.form !== 'seed-array').map(ecosystemEntry);
  return [
    ...(rich.length > 0 ? [{ file: `eco/${selector}.json`, content: { defaults: { eventType: 'feature-update' }, cousins: rich } }] : []),
    ...(seed.length > 0 ? [{ file: `eco/${selector}-seed.json`, content: seed }] : []),
  ];
}

/** Every cell's cousin as create-cousin writes it; returns the local path of each generated workflow. */
async function createCousins(world: World, cells: readonly Cell[]): Promise<Map<string, string>> {
  const workflows = new Map<string, string>();
  for (const cell of cells) {
    const dir = path.join(world.scratch, 'cousins', cell.cousin.split('/')[1]!);
    const answers = checkAnswers({
      dir,
      upstream: MONOREPO,
      subscribe: cousinSubscription(cell).specs,
      method: cell.method,
      labels: undefined,
      repo: cell.cousin,
      standalone: false,
      ref: undefined,
      eventType: cell.form === 'custom-event' ? CUSTOM_EVENT : undefined,
    });
    await mkdir(path.join(dir, '.github', 'workflows'), { recursive: true });
    const workflow = path.join(dir, '.github', 'workflows', 'sync-upstream.yml');
    await writeFile(workflow, renderWorkflow(answers));
    await writeFile(path.join(dir, 'subscriptions.json'), renderSubscriptions(answers));
    await writeFile(path.join(dir, 'README.md'), `# ${cell.cousin}: the cousin's own file\n`);
    await world.sim.createRepo(cell.cousin, { fromDir: dir });
    workflows.set(cell.cousin.toLowerCase(), workflow);
  }
  return workflows;
}

/** Runs work items at most `limit` at a time (the machine has two cores). */
function limiter(limit: number): <T>(work: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (work) => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await work();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

function failureLog(result: WorkflowRun): string {
  const jobs = Object.values(result.jobs).flatMap((job) => [job, ...Object.values(job.called?.jobs ?? {})]);
  return jobs.flatMap((job) => job.steps).filter((step) => step.conclusion === 'failure').map((step) => `${step.name}: ${step.stderr}${step.stdout}`).join('\n');
}

/**
 * Builds the monorepo and every cell's cousin on one github-sim, pushes one change to the
 * feature, sends it with each selector, and runs each cousin's generated workflow for every
 * run a dispatch started (none when its workflow does not listen: then no PR).
 */
export async function runMatrix(cells: readonly Cell[]): Promise<MatrixOutcome> {
  const started = Date.now();
  const world = await createWorld();
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: path.join(world.scratch, 'home'), ...TEST_GIT_ENV, ECOSYSTEM_SECOND_MS: '1' };
  const seedDir = path.join(world.scratch, 'mono-seed');
  const files: Record<string, string> = {
    [FEATURE_FILE]: 'def push():\n    return "v1"\n',
    [DOCS_FILE]: '# v1\n',
    'features/pwa/flask/app.py': 'pwa = 1\n',
    'README.md': '# monorepo\n',
  };
  for (const selector of SELECTORS) for (const { file, content } of configFiles(cells, selector)) files[file] = `${JSON.stringify(content, null, 2)}\n`;
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(seedDir, file)), { recursive: true });
    await writeFile(path.join(seedDir, file), text);
  }
  await world.sim.createRepo(MONOREPO, { fromDir: seedDir });
  const mono = await world.clone(MONOREPO);
  const before = (await mono.output(['rev-parse', 'HEAD'])).trim();
  await writeFile(path.join(mono.cwd, DOCS_FILE), '# v2\n');
  const after = await writeAndCommit(mono, { [FEATURE_FILE]: V2 }, 'webpush/flask: v2');
  await mono.run(['push', '--quiet', 'origin', 'main']);

  const workflows = await createCousins(world, cells);
  const dispatcher = world.sim.createToken({ login: 'dispatcher', repos: '*', permissions: 'write' });
  // Each cousin's workflow runs with its own credentials (its App installation or its own
  // bot), so each has its own share of GitHub's per-identity write limits.
  const syncTokens = new Map<string, string>();
  const syncTokenOf = (repo: string): string => {
    const key = repo.toLowerCase();
    if (!syncTokens.has(key)) syncTokens.set(key, world.sim.createToken({ login: `sync-bot-${key.replace('/', '-')}`, repos: [repo, MONOREPO], permissions: 'write' }));
    return syncTokens.get(key)!;
  };
  const cousinRuns: MatrixOutcome['cousinRuns'] = new Map();
  const slot = limiter(2);
  world.sim.onDispatch(async (dispatch) => {
    for (const runId of dispatch.runIds ?? []) {
      // GITHUB_SHA of a repository_dispatch run: the default branch's head when it started.
      const sha = world.sim.workflowRuns(dispatch.repo).find((r) => r.id === runId)!.headSha;
      const result = await slot(() =>
        runWorkflow(workflows.get(dispatch.repo.toLowerCase())!, world.runnerOptions({
          event: { name: 'repository_dispatch', payload: dispatchPayload(dispatch.repo, dispatch.event_type, dispatch.client_payload) },
          github: { repository: dispatch.repo, ref: 'refs/heads/main', sha },
          secrets: { ECOSYSTEM_TOKEN: syncTokenOf(dispatch.repo), GITHUB_TOKEN: syncTokenOf(dispatch.repo) },
          workflowRepositories: { [PROJECT_REPO]: REPOSITORY_ROOT },
          env,
        })),
      );
      world.sim.finishRun(dispatch.repo, runId, result.result === 'success' ? 'success' : 'failure');
      const list = cousinRuns.get(dispatch.repo.toLowerCase()) ?? [];
      list.push({ dispatch, result: result.result, log: failureLog(result) });
      cousinRuns.set(dispatch.repo.toLowerCase(), list);
    }
  });

  const senders: MatrixOutcome['senders'] = [];
  for (const selector of SELECTORS) {
    for (const { file } of configFiles(cells, selector)) {
      senders.push({ selector, config: file, ...(await send(selector, file)) });
    }
  }
  await world.sim.idle();
  return { world, senders, cousinRuns, seconds: (Date.now() - started) / 1000 };

  async function send(selector: Selector, config: string): Promise<{ ok: boolean; log: string }> {
    if (selector === 'event-push') {
      const result = await runWorkflow(workflowFile('ecosystem-dispatch.yml'), world.runnerOptions({
        event: { name: 'push', payload: pushPayload(MONOREPO, before, after) },
        github: { repository: MONOREPO, sha: after, ref: 'refs/heads/main' },
        // Every configuration is sent for the same push, as if each were its own monorepo:
        // no shared outbox between them (the outbox has its own tests).
        inputs: { config, 'state-ref': '' },
        secrets: { token: dispatcher },
        env,
      }));
      return { ok: result.result === 'success', log: failureLog(result) };
    }
    const selectorArgs = selector === 'base-head-HEAD' ? ['--base', before, '--head', 'HEAD'] : ['--files-from', path.join(world.scratch, 'changed.txt')];
    if (selector === 'files-from') await writeFile(path.join(world.scratch, 'changed.txt'), `${FEATURE_FILE}\n${DOCS_FILE}\n`);
    try {
      const { stdout, stderr } = await run(process.execPath, [CLI_ENTRY, 'dispatch', '--config', config, '--api-url', world.sim.url, ...selectorArgs], {
        cwd: mono.cwd,
        env: { ...env, ECOSYSTEM_TOKEN: dispatcher, GITHUB_REPOSITORY: MONOREPO },
      });
      return { ok: true, log: stdout + stderr };
    } catch (error) {
      const failed = error as { stdout?: string; stderr?: string; message: string };
      return { ok: false, log: `${failed.stdout ?? ''}${failed.stderr ?? failed.message}` };
    }
  }
}
