/**
 * Lint benchmark: `ecosystem lint` on a 1,000-cousin ecosystem.json, timed from process
 * start to exit (a fresh `node` per run, as in CI), median of several runs, against the
 * 300 ms target. Bare `node` start-up is measured in the same runs for scale, and the same
 * config is linted once more inside a git work tree, where the path check runs too.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { prng } from './prng.js';

const COUSINS = 1_000;
const AREAS = 40;
const STACKS = 5;
const RUNS = 11;
const TARGET_MS = 300;

const CLI_DIR = fileURLToPath(new URL('../packages/cli/', import.meta.url));

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

const featureOf = (area: number, stack: number) => `features/area${area}/stack${stack}`;

/**
 * A clean config in the object form: three to four features per cousin (directories, an
 * exact file, a glob), exclusions that do exclude something, some per-cousin options.
 */
export function generateConfig(cousins = COUSINS): string {
  const random = prng(7);
  const pick = (n: number) => Math.floor(random() * n);
  const entries = Array.from({ length: cousins }, (_, index) => {
    const features = new Set<string>();
    while (features.size < 3) features.add(featureOf(pick(AREAS), pick(STACKS)));
    const [first, ...others] = [...features];
    const subscriptions = [first!, ...others.map((f, i) => (i === 0 && random() < 0.3 ? `${f}/src/app.py` : f))];
    if (random() < 0.4) subscriptions.push(`features/area${pick(AREAS)}/*/docs/**`);
    if (random() < 0.3) subscriptions.push(`!${first}/docs/**`);
    const entry: Record<string, unknown> = { repo: `org-${index % 37}/cousin-${index}`, subscriptions };
    if (index % 10 === 0) entry.batch = false;
    if (index % 25 === 0) entry.eventType = 'feature-sync';
    return entry;
  });
  const config = {
    $schema: 'https://unpkg.com/@ecosystem-dispatcher/core/schemas/ecosystem.schema.json',
    defaults: { eventType: 'feature-update', exclude: ['**/*.tmp'] },
    cousins: entries,
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** A monorepo holding every feature the config can name, committed, for the path check. */
async function createMonorepo(dir: string, config: string): Promise<void> {
  for (let area = 0; area < AREAS; area++) {
    for (let stack = 0; stack < STACKS; stack++) {
      const feature = join(dir, featureOf(area, stack));
      await mkdir(join(feature, 'src'), { recursive: true });
      await mkdir(join(feature, 'docs'), { recursive: true });
      await writeFile(join(feature, 'src', 'app.py'), 'print("feature")\n');
      await writeFile(join(feature, 'docs', 'setup.md'), '# setup\n');
      await writeFile(join(feature, '.env.example'), 'KEY=\n');
    }
  }
  await writeFile(join(dir, 'build.tmp'), 'scratch\n');
  await writeFile(join(dir, 'ecosystem.json'), config);
  const git = (...args: string[]) => {
    const result = spawnSync('git', args, { cwd: dir, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`git ${args[0]} failed: ${result.stderr}`);
  };
  git('init', '--quiet', '--initial-branch', 'main');
  git('add', '--all');
  git('commit', '--quiet', '-m', 'features');
}

/** The `ecosystem` executable as published: whatever the cli package's `bin` points at. */
function cliEntry(): string {
  const pkg = JSON.parse(readFileSync(join(CLI_DIR, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  const entry = join(CLI_DIR, pkg.bin.ecosystem!);
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build" first`);
  return entry;
}

interface Subject {
  label: string;
  args: string[];
  cwd: string;
  /** Expected exit code: a benchmark of a run that failed would measure the wrong thing. */
  exitCode: number;
}

function timeOnce(subject: Subject): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, subject.args, { cwd: subject.cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const elapsed = performance.now() - start;
  if (result.status !== subject.exitCode) {
    throw new Error(`${subject.label}: exit ${result.status}, expected ${subject.exitCode}: ${(result.stderr || result.stdout).trim().split('\n')[0]}`);
  }
  return elapsed;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Runs every subject RUNS times, interleaved, so load on the machine hits them alike. */
function measure(subjects: Subject[]): number[][] {
  for (const subject of subjects) timeOnce(subject); // warm the file cache; not counted
  const times = subjects.map(() => [] as number[]);
  for (let run = 0; run < RUNS; run++) subjects.forEach((subject, i) => times[i]!.push(timeOnce(subject)));
  return times;
}

export async function benchLint(): Promise<string[]> {
  const entry = cliEntry();
  const config = generateConfig();
  const plainDir = await mkdtemp(join(tmpdir(), 'ecosystem-bench-lint-'));
  const repoDir = await mkdtemp(join(tmpdir(), 'ecosystem-bench-lint-repo-'));
  try {
    await writeFile(join(plainDir, 'ecosystem.json'), config);
    await createMonorepo(repoDir, config);
    const subjects: Subject[] = [
      { label: 'node start-up alone', args: ['-e', ''], cwd: plainDir, exitCode: 0 },
      { label: 'ecosystem lint', args: [entry, 'lint', 'ecosystem.json'], cwd: plainDir, exitCode: 0 },
      { label: 'ecosystem lint, path check on', args: [entry, 'lint', 'ecosystem.json'], cwd: repoDir, exitCode: 0 },
    ];
    const times = measure(subjects);
    const [bare, lint, pathChecked] = times.map(median) as [number, number, number];
    const fastest = Math.min(...times[1]!);
    const kb = (Buffer.byteLength(config) / 1024).toFixed(0);
    const tracked = AREAS * STACKS * 3 + 2;
    return [
      `lint: ecosystem.json with ${COUSINS.toLocaleString('en')} cousins (${kb} KB), process start to exit, median of ${RUNS} runs (${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)})`,
      `  ecosystem lint: ${lint.toFixed(0)} ms (fastest ${fastest.toFixed(0)} ms)   target < ${TARGET_MS} ms: ${lint < TARGET_MS ? 'met' : 'MISSED'}`,
      `  with the path check (git ls-files, ${tracked} tracked files): ${pathChecked.toFixed(0)} ms`,
      `  node start-up alone, same runs: ${bare.toFixed(0)} ms (so lint's own share is ${(lint - bare).toFixed(0)} ms)`,
    ];
  } finally {
    await rm(plainDir, { recursive: true, force: true });
    await rm(repoDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await benchLint()) console.log(line);
}

