import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createOctokit } from '@ecosystem-dispatcher/github';
import { startSim, type Sim } from '@ecosystem-dispatcher/github-sim';
import type { DoctorReport } from '@ecosystem-dispatcher/status';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../main.js';
import { captureIO } from '../test-support/capture-io.js';

const MONOREPO = 'acme/mono';
const listener = (types: string[]) => `name: Sync upstream\non:\n  repository_dispatch:\n    types: [${types.join(', ')}]\njobs:\n  sync:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ecosystem sync\n`;
const subscriptions = (upstream: string, features: Record<string, string>) => JSON.stringify({ upstream, subscriptions: features });

let sim: Sim;
let dir: string;
let writeToken: string;
let readToken: string;

async function seed(repo: string, files: Record<string, string>): Promise<void> {
  const from = join(dir, 'seed', repo);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(from, path)), { recursive: true });
    await writeFile(join(from, path), text);
  }
  await sim.createRepo(repo, { fromDir: from });
}

/** Sends one dispatch the way the monorepo would, and has the runner report how its run ended. */
async function dispatchAndFinish(repo: string, conclusion: 'success' | 'failure'): Promise<void> {
  const octokit = createOctokit({ auth: { kind: 'token', token: sim.adminToken, source: 'test' }, baseUrl: sim.url, throttle: { secondMs: 1 }, log: { debug() {}, info() {}, warn() {}, error() {} } });
  const [owner, name] = repo.split('/') as [string, string];
  await octokit.rest.repos.createDispatchEvent({ owner, repo: name, event_type: 'feature-update', client_payload: {} });
  await sim.idle();
  for (const id of sim.dispatches(repo).at(-1)!.runIds ?? []) sim.finishRun(repo, id, conclusion);
}

beforeAll(async () => {
  sim = await startSim();
  dir = await mkdtemp(join(tmpdir(), 'cli-doctor-'));
  await seed(MONOREPO, { 'features/a/x.py': '1\n', 'features/b/y.py': '1\n', 'features/webpush/flask/app.py': '1\n', 'features/pwa/flask/app.py': '1\n', 'features/pwa/django/app.py': '1\n' });
  await seed('acme/good', { '.github/workflows/sync.yml': listener(['feature-update']), 'subscriptions.json': subscriptions(MONOREPO, { 'features/a': 'a' }) });
  await seed('acme/wrong-type', { '.github/workflows/sync.yml': listener(['feature-update']), 'subscriptions.json': subscriptions(MONOREPO, { 'features/a': 'a' }) });
  await seed('acme/glob', { '.github/workflows/sync.yml': listener(['feature-update']), 'subscriptions.json': subscriptions(MONOREPO, { 'features/webpush/flask': 'webpush', 'features/b': 'b' }) });
  await seed('acme/no-subs', { '.github/workflows/sync.yml': listener(['feature-update']) });
  await seed('acme/stranger', { '.github/workflows/ci.yml': 'on: push\njobs: {}\n', 'subscriptions.json': subscriptions('acme/elsewhere', { 'features/a': 'a' }) });
  await dispatchAndFinish('acme/good', 'success');
  await dispatchAndFinish('acme/glob', 'success');
  await dispatchAndFinish('acme/no-subs', 'failure');
  await writeFile(join(dir, 'ecosystem.json'), JSON.stringify({
    cousins: [
      { repo: 'acme/good', subscriptions: ['features/a'] },
      { repo: 'acme/wrong-type', subscriptions: ['features/a'], eventType: 'mono-sync' },
      { repo: 'acme/glob', subscriptions: ['features/*/flask/**'] },
      { repo: 'acme/no-subs', subscriptions: ['features/a'] },
      { repo: 'acme/stranger', subscriptions: ['features/a'] },
      { repo: 'acme/gone', subscriptions: ['features/a'] },
      { repo: 'acme/off', subscriptions: ['features/a'], enabled: false },
    ],
  }));
  const repos = [MONOREPO, 'acme/good', 'acme/wrong-type', 'acme/glob', 'acme/no-subs', 'acme/stranger'];
  writeToken = sim.createToken({ login: 'dispatcher', repos, permissions: 'write' });
  readToken = sim.createToken({ login: 'reader', repos, permissions: 'read' });
});

afterAll(async () => {
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function doctor(argv: string[], token = writeToken, env: Record<string, string> = {}) {
  const io = captureIO({ cwd: dir, env: { ECOSYSTEM_TOKEN: token, GITHUB_REPOSITORY: MONOREPO, ...env } });
  const code = await runCli(['doctor', '--api-url', sim.url, ...argv], io);
  return { code, out: io.out(), err: io.err() };
}

async function report(token = writeToken): Promise<DoctorReport> {
  const { code, out } = await doctor(['--format', 'json'], token);
  expect(code).toBe(1);
  return JSON.parse(out) as DoctorReport;
}

const findingsOf = (r: DoctorReport, cousin: string) => r.cousins.find((c) => c.cousin === cousin)!.findings;

describe('ecosystem doctor', () => {
  it('passes a cousin wired right, and notes its last successful run', async () => {
    const r = await report();
    const good = r.cousins.find((c) => c.cousin === 'acme/good')!;
    expect(good.findings).toEqual([]);
    expect(good.notes.join('\n')).toMatch(/last sync run success: http/);
  });

  it('finds a workflow that does not listen to the event type the monorepo sends, and the run that never came', async () => {
    const findings = findingsOf(await report(), 'acme/wrong-type');
    expect(findings.map((f) => f.check)).toEqual(['workflow', 'last-run']);
    expect(findings[0]!.problem).toContain('listens to repository_dispatch types [feature-update], but the monorepo sends "mono-sync"');
    expect(findings[0]!.fix).toContain('add "mono-sync"');
    expect(findings[1]!.problem).toContain('no repository_dispatch run on record');
  });

  it('resolves a glob to the concrete folders it sends, both ways', async () => {
    const findings = findingsOf(await report(), 'acme/glob');
    expect(findings.map((f) => f.check)).toEqual(['routing', 'routing']);
    expect(findings[0]!.problem).toContain('ecosystem.json sends "features/pwa/flask", which subscriptions.json on main does not follow');
    expect(findings[1]!.problem).toContain('the cousin follows "features/b", which ecosystem.json never sends it');
  });

  it('finds a missing subscriptions.json and a failed last run', async () => {
    const findings = findingsOf(await report(), 'acme/no-subs');
    expect(findings.map((f) => f.check)).toEqual(['subscriptions', 'last-run']);
    expect(findings[0]!.problem).toContain('subscriptions.json on main does not exist');
    expect(findings[1]!.problem).toMatch(/last repository_dispatch run ended "failure" \(http.*actions\/runs\/\d+\)/);
  });

  it('finds a cousin that follows another upstream, one without a listening workflow, one unreachable, and skips a disabled one', async () => {
    const r = await report();
    expect(findingsOf(r, 'acme/stranger').map((f) => f.problem)).toEqual([
      expect.stringContaining('no workflow on main listens to repository_dispatch'),
      expect.stringContaining('names acme/elsewhere as upstream, not acme/mono'),
      expect.stringContaining('no repository_dispatch run on record'),
    ]);
    expect(findingsOf(r, 'acme/gone')).toEqual([expect.objectContaining({ check: 'reachable', problem: expect.stringContaining('does not exist or the token cannot see it') })]);
    expect(r.cousins.find((c) => c.cousin === 'acme/off')).toMatchObject({ enabled: false, findings: [] });
    expect(r.findingCount).toBe(10);
  });

  it('says when the token cannot dispatch to a cousin', async () => {
    const findings = findingsOf(await report(readToken), 'acme/good');
    expect(findings).toEqual([expect.objectContaining({ check: 'dispatch', fix: expect.stringContaining('Contents: write') })]);
  });

  it('prints one row per cousin with the fix, as a table or markdown (also to the step summary), and exits 1', async () => {
    const pretty = await doctor([]);
    expect(pretty.code).toBe(1);
    const lines = pretty.out.split('\n');
    expect(lines.filter((l) => l.startsWith('acme/') && !l.endsWith(':'))).toHaveLength(7);
    expect(lines.find((l) => l.startsWith('acme/good'))).toMatch(/ok \(event type "feature-update"\)/);
    expect(lines.find((l) => l.startsWith('acme/wrong-type'))).toMatch(/2 finding\(s\): workflow, last-run$/);
    expect(pretty.out).toContain('  routing: the cousin follows "features/b", which ecosystem.json never sends it\n    fix: add it to the cousin\'s entry in ecosystem.json');
    expect(pretty.out).toContain('10 finding(s) in 5 of 7 cousin(s).');
    const summary = join(dir, 'summary.md');
    const markdown = await doctor(['--format', 'markdown'], writeToken, { GITHUB_STEP_SUMMARY: summary });
    expect(markdown.out).toContain('| COUSIN | WIRING | FIX |');
    expect(markdown.out).toContain('| acme/off | disabled: not checked | - |');
    expect(await readFile(summary, 'utf8')).toBe(markdown.out);
  });

  it('exits 0 when every cousin is wired right, and 2 on bad input', async () => {
    await writeFile(join(dir, 'good.json'), JSON.stringify([{ repo: 'acme/good', subscriptions: ['features/a'] }]));
    const ok = await doctor(['--config', 'good.json']);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('All 1 cousin(s) are wired right.');
    const bad = await doctor(['--format', 'html']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--format must be one of pretty, json, markdown');
    expect(sim.contractViolations).toEqual([]);
  });
});
