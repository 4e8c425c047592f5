import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { UsageError } from '@ecosystem-dispatcher/core';
import { createOctokit } from '@ecosystem-dispatcher/github';
import { startSim } from '@ecosystem-dispatcher/github-sim';
import { commitAndPush, DEMO_COUSINS, editFile, MONOREPO, setUpFleet, type FleetContext, type SetupReport } from './fleet.js';
import { demoGitEnv } from './git-env.js';
import { fileAt, syncPulls } from './pull-requests.js';
import { runPush, type PushStep } from './scenario.js';
import { syncOnDispatch, type SyncRun } from './sync-runner.js';

export interface DemoOptions {
  /** Keep the bare repositories here (DIR/<owner>/<repo>.git) instead of a temp folder. */
  keep?: string | undefined;
  /** The example monorepo to start from. */
  exampleDir: string;
  env: Record<string, string | undefined>;
  /** Called with a line of progress as the demo goes. */
  progress?: (line: string) => void;
}

export interface DemoChecks {
  pwaLeftAlone: boolean;
  localEditKept: boolean;
  upstreamChangeMerged: boolean;
  conflictReported: boolean;
  onePullPerFeature: boolean;
  trailersPresent: boolean;
}

export interface DemoResult {
  dataDir: string | null;
  setup: SetupReport;
  steps: PushStep[];
  checks: DemoChecks;
  seconds: number;
}

const FLASK = 'acme/flask-push-app';
const LOCAL_EDIT_FILE = 'app/push/app/push.py';
/** ms per GitHub second: the sim is local, so the client's pacing is shrunk (GitHub's rules, a faster clock). */
const SECOND_MS = '5';

export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const started = performance.now();
  const say = (line: string) => options.progress?.(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${line}`);
  if (!existsSync(join(options.exampleDir, 'features'))) throw new UsageError(`${options.exampleDir} has no features/ folder; pass --example DIR (a monorepo with feature folders, like examples/monorepo)`);
  const dataDir = options.keep ? resolve(options.keep) : undefined;
  if (dataDir && existsSync(dataDir) && (await readdir(dataDir)).length > 0) throw new UsageError(`--keep ${options.keep}: the folder is not empty; pick a new one`);
  const work = await mkdtemp(join(tmpdir(), 'ecosystem-demo-'));
  const sim = await startSim({ ...(dataDir ? { dataDir } : {}), contractCheck: false, secondMs: Number(SECOND_MS) });
  try {
    // The scaffolding commits of the cousins carry their workflow file: like a maintainer's
    // PAT with the `workflow` scope, the demo's token may change workflows (GitHub refuses it otherwise).
    const token = sim.createToken({ login: 'ecosystem-bot', repos: '*', permissions: { contents: 'write', issues: 'write', pull_requests: 'write', workflows: 'write' } });
    const env = { ...demoGitEnv(options.env), ECOSYSTEM_SECOND_MS: SECOND_MS };
    const ctx: FleetContext = { sim, token, work, env, monorepo: undefined as never, cousins: new Map() };
    const octokit = createOctokit({ auth: { kind: 'token', token, source: 'demo' }, baseUrl: sim.url, throttle: { secondMs: Number(SECOND_MS) } });
    say(`github-sim at ${sim.url}; creating ${MONOREPO} from ${options.exampleDir}`);
    const setup = await setUpFleet(ctx, options.exampleDir);
    say(`scaffolded ${setup.scaffolded.length} cousins with create-cousin --register; ecosystem lint: ${setup.lint.ok ? 'clean' : `${setup.lint.problems} problem(s)`}`);

    const runs: SyncRun[] = [];
    syncOnDispatch(ctx, runs);
    const steps: PushStep[] = [];
    steps.push(await runPush(ctx, octokit, runs, 'Web push: send a TTL with every notification', {
      'features/webpush/flask/app/push.py': (t) => t.replace('vapid_private_key=os.environ["VAPID_PRIVATE_KEY"])', 'vapid_private_key=os.environ["VAPID_PRIVATE_KEY"], ttl=60)'),
      'features/webpush/react/src/usePush.ts': (t) => `${t}\nexport const PUSH_TTL_SECONDS = 60;\n`,
    }));
    say(`push 1: ${describe(steps[0]!)}`);

    // The flask cousin merges its first sync, then edits the feature in its own copy.
    const first = steps[0]!.cousins.find((c) => c.repo === FLASK)?.pull;
    if (!first) throw new Error(`the first push opened no pull request on ${FLASK}`);
    await octokit.rest.pulls.merge({ owner: 'acme', repo: 'flask-push-app', pull_number: first.number, merge_method: 'merge' });
    const flask = ctx.cousins.get(FLASK)!;
    await flask.run(['pull', '--quiet', '--no-rebase', 'origin', 'main']);
    await editFile(flask, LOCAL_EDIT_FILE, (t) => t.replace('return jsonify(ok=True), 201', 'return jsonify(ok=True, stored=len(SUBSCRIPTIONS)), 201'));
    await commitAndPush(flask, 'Say how many subscriptions are stored');
    say(`${FLASK} merged PR #${first.number} and edited ${LOCAL_EDIT_FILE} locally`);

    steps.push(await runPush(ctx, octokit, runs, 'Web push: default message and python-dotenv', {
      'features/webpush/flask/app/push.py': (t) => t.replace('.get("message", "")', '.get("message", "ping")'),
      'features/webpush/flask/requirements.txt': (t) => `${t}python-dotenv>=1.0\n`,
      'features/webpush/react/src/usePush.ts': (t) => t.replace('userVisibleOnly: true', 'userVisibleOnly: true /* required by browsers */'),
    }));
    say(`push 2: ${describe(steps[1]!)}`);

    steps.push(await runPush(ctx, octokit, runs, 'Web push: return the new subscription id', {
      'features/webpush/flask/app/push.py': (t) => t.replace('return jsonify(ok=True), 201', 'return jsonify(ok=True, id=len(SUBSCRIPTIONS) - 1), 201'),
    }));
    say(`push 3: ${describe(steps[2]!)}`);

    const checks = await checkStory(octokit, steps);
    return { dataDir: dataDir ?? null, setup, steps, checks, seconds: (performance.now() - started) / 1000 };
  } finally {
    await sim.close();
    await rm(work, { recursive: true, force: true });
  }
}

function describe(step: PushStep): string {
  return step.cousins.map((c) => `${c.repo}: ${c.story}`).join('; ');
}

/** What the story must show, read back from GitHub (the sim), not from the demo's own notes. */
async function checkStory(octokit: ReturnType<typeof createOctokit>, steps: PushStep[]): Promise<DemoChecks> {
  const flaskSecond = steps[1]?.cousins.find((c) => c.repo === FLASK)?.pull;
  const flaskThird = steps[2]?.cousins.find((c) => c.repo === FLASK)?.pull;
  const second = flaskSecond ? await fileAt(octokit, FLASK, LOCAL_EDIT_FILE, flaskSecond.headSha) : '';
  const pulls = steps.flatMap((s) => s.cousins.flatMap((c) => (c.pull ? [c.pull] : [])));
  const openPerBranch = new Map<string, number>();
  for (const cousin of DEMO_COUSINS) {
    for (const pull of await syncPulls(octokit, cousin.repo)) {
      if (pull.state === 'open') openPerBranch.set(`${cousin.repo}:${pull.branch}`, (openPerBranch.get(`${cousin.repo}:${pull.branch}`) ?? 0) + 1);
    }
  }
  return {
    pwaLeftAlone: steps.every((s) => !s.cousins.find((c) => c.repo === 'acme/pwa-starter')?.notified),
    localEditKept: second.includes('stored=len(SUBSCRIPTIONS)'),
    upstreamChangeMerged: second.includes('.get("message", "ping")'),
    conflictReported: Boolean(flaskThird?.conflict) && flaskThird?.number === flaskSecond?.number,
    onePullPerFeature: [...openPerBranch.values()].every((count) => count === 1),
    trailersPresent: pulls.every((p) => Boolean(p.trailers['Upstream-Commit'] && p.trailers['Upstream-Repo'] && p.trailers['Upstream-Feature'])),
  };
}
