/**
 * Delivery benchmark 3: a CLI dispatch run with `--state FILE` SIGKILLed at a random
 * point (after a random number of deliveries, whatever it is doing then: a send, a save,
 * a wait), then re-run with `--pending`. Counted per round: cousins that never got the
 * commit (lost), cousins that got it twice (duplicates), and rate-limit refusals.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Git } from '@ecosystem-dispatcher/core';
import { prng } from './prng.js';
import { dispatchLog, secondMsOr, simWithRepos } from './sim-fleet.js';

const BIN = fileURLToPath(new URL('../packages/cli/dist/bin.js', import.meta.url));
const COUSINS = 80;
// 8 rounds x 80 = 640 dispatches: past one hour's 500, which the runs can only keep
// because each CLI process starts from the spend the outbox kept.
const ROUNDS = 8;

export async function killedAndReRun(): Promise<string[]> {
  const SECOND_MS = secondMsOr(5);
  const repos = Array.from({ length: COUSINS }, (_, i) => `acme/cousin-${i}`);
  const random = prng(9);
  const { sim, token } = await simWithRepos(repos, SECOND_MS);
  const dir = await mkdtemp(join(tmpdir(), 'bench-killed-'));
  const git = new Git(dir, { GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.com' });
  const lines: string[] = [];
  const started = Date.now();
  try {
    await git.run(['init', '--quiet']);
    await writeFile(join(dir, 'ecosystem.json'), JSON.stringify({ cousins: repos.map((repo) => ({ repo, subscriptions: ['features/a'] })) }));
    await mkdir(join(dir, 'features', 'a'), { recursive: true });
    await commitFeature(git, dir, 0);
    let worstDuplicates = 0;
    let lost = 0;
    // A run may wait for the hour to slide: --max-duration far beyond it.
    const env = { PATH: process.env.PATH ?? '', ECOSYSTEM_TOKEN: token, ECOSYSTEM_SECOND_MS: String(SECOND_MS), GITHUB_REPOSITORY: 'acme/monorepo' };
    const common = ['--state', 'outbox.json', '--api-url', sim.url, '--max-duration', '10h'];
    for (let round = 1; round <= ROUNDS; round++) {
      const before = sim.dispatches().length;
      const head = await commitFeature(git, dir, round);
      const killAfter = 1 + Math.floor(random() * (COUSINS - 2));
      const child = spawn(process.execPath, [BIN, 'dispatch', ...common, '--base', `${head}~1`, '--head', head], { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      let exited = false;
      child.on('exit', () => (exited = true));
      while (!exited && sim.dispatches().length - before < killAfter) await sleep(1);
      if (!exited) {
        child.kill('SIGKILL');
        await new Promise((resolve) => child.on('exit', resolve));
      } else if (child.exitCode !== 0) {
        throw new Error(`the dispatch run exited ${child.exitCode} before the kill: ${stderr.trim()}`);
      }
      const rerun = spawn(process.execPath, [BIN, 'dispatch', ...common, '--pending'], { cwd: dir, env, stdio: 'ignore' });
      await new Promise((resolve) => rerun.on('exit', resolve));
      const thisRound = sim.dispatches().slice(before).filter((d) => d.client_payload.commit_sha === head);
      const perRepo = new Map<string, number>();
      for (const d of thisRound) perRepo.set(d.repo, (perRepo.get(d.repo) ?? 0) + 1);
      lost += repos.filter((repo) => !perRepo.has(repo)).length;
      worstDuplicates = Math.max(worstDuplicates, thisRound.length - perRepo.size);
      lines.push(`  round ${round}: killed after ${killAfter} deliveries; after the re-run ${perRepo.size}/${COUSINS} cousins have the commit, ${thisRound.length - perRepo.size} sent twice`);
    }
    const { posts, refusals } = dispatchLog(sim);
    return [
      `delivery 3: a CLI run SIGKILLed at a random point, then re-run with --pending (${ROUNDS} rounds x ${COUSINS} cousins, --state FILE); github-sim at GitHub's limits; clock 1 GitHub s = ${SECOND_MS} ms`,
      ...lines,
      `  lost ${lost}, worst duplicates in a round ${worstDuplicates} (target: lost 0, duplicates <= 1); ${posts.length} dispatch requests over ${((Date.now() - started) / SECOND_MS / 3600).toFixed(2)} GitHub h, refusals ${refusals}`,
    ];
  } finally {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function commitFeature(git: Git, dir: string, round: number): Promise<string> {
  await writeFile(join(dir, 'features', 'a', 'main.py'), `v${round}\n`);
  await git.run(['add', '-A']);
  await git.run(['commit', '--quiet', '-m', `features/a v${round}`]);
  return (await git.output(['rev-parse', 'HEAD'])).trim();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
