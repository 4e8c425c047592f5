import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecordedDispatch } from '@ecosystem-dispatcher/github-sim';
import { cloneRepo, lastLine, type FleetContext } from './fleet.js';
import { demoBins, runNode } from './processes.js';

export interface SyncRun {
  repo: string;
  features: string[];
  code: number;
  summary: string;
}

/** What sync said of each feature (its file-by-file listing, indented, is left out). */
function outcomeLines(stdout: string): string {
  return stdout.split('\n').filter((line) => line.trim() !== '' && !/^\s/.test(line)).join(' | ');
}

/**
 * What the cousin's generated workflow does on a repository_dispatch: a fresh checkout,
 * the event in a file ($GITHUB_EVENT_PATH), and `ecosystem sync` reading it.
 */
export function syncOnDispatch(ctx: FleetContext, runs: SyncRun[]): () => void {
  let chain = Promise.resolve();
  let counter = 0;
  return ctx.sim.onDispatch((dispatch) => {
    const run = ++counter;
    // One at a time, so the demo's log reads in order.
    chain = chain.then(() => runCousinSync(ctx, dispatch, run).then((result) => void runs.push(result)));
    return chain;
  });
}

async function runCousinSync(ctx: FleetContext, dispatch: RecordedDispatch, run: number): Promise<SyncRun> {
  const dir = join(ctx.work, 'runs', `${run}-${dispatch.repo.replace('/', '-')}`);
  const git = await cloneRepo(ctx, dispatch.repo, join(dir, 'checkout'));
  const eventPath = join(dir, 'event.json');
  await mkdir(dir, { recursive: true });
  await writeFile(eventPath, JSON.stringify({ action: dispatch.event_type, client_payload: dispatch.client_payload, repository: { full_name: dispatch.repo } }));
  const env = {
    ...ctx.env,
    ECOSYSTEM_TOKEN: ctx.token,
    GITHUB_REPOSITORY: dispatch.repo,
    GITHUB_SERVER_URL: ctx.sim.gitUrl,
    GITHUB_API_URL: ctx.sim.url,
    GITHUB_RUN_ID: String(run),
    GITHUB_EVENT_NAME: 'repository_dispatch',
    GITHUB_EVENT_PATH: eventPath,
  };
  const result = await runNode(demoBins().ecosystem, ['sync', '--repo-dir', git.cwd], { cwd: git.cwd, env });
  const payload = dispatch.client_payload as { updated_features?: string[]; updated_feature?: string };
  return {
    repo: dispatch.repo,
    features: payload.updated_features ?? (payload.updated_feature ? [payload.updated_feature] : []),
    code: result.code,
    summary: result.code === 0 ? outcomeLines(result.stdout) : lastLine(result.stderr || result.stdout),
  };
}
