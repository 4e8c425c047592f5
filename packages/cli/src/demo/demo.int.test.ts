import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../main.js';
import { captureIO } from '../test-support/capture-io.js';
import type { DemoResult } from './run-demo.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
let keep: string;
let result: DemoResult;
let code: number;

beforeAll(async () => {
  keep = join(await mkdtemp(join(tmpdir(), 'ecosystem-demo-test-')), 'kept');
  const io = captureIO({ cwd: repoRoot, env: { PATH: process.env.PATH, HOME: process.env.HOME } });
  code = await runCli(['demo', '--json', '--keep', keep], io);
  if (code === 2) throw new Error(io.err());
  result = JSON.parse(io.out()) as DemoResult;
}, 240_000);

afterAll(() => rm(join(keep, '..'), { recursive: true, force: true }));

const cousin = (step: number, repo: string) => result.steps[step]!.cousins.find((c) => c.repo === repo)!;

describe('ecosystem demo, end to end', () => {
  it('tells the whole story and exits 0', () => {
    expect(result.checks).toEqual({
      pwaLeftAlone: true,
      localEditKept: true,
      upstreamChangeMerged: true,
      conflictReported: true,
      onePullPerFeature: true,
      trailersPresent: true,
    });
    expect(code).toBe(0);
  });

  it('scaffolds and registers three cousins, and the registered ecosystem.json lints clean', () => {
    expect(result.setup.scaffolded.map((c) => c.repo)).toEqual(['acme/flask-push-app', 'acme/react-push-app', 'acme/pwa-starter']);
    expect(result.setup.scaffolded[0]!.files).toEqual(expect.arrayContaining(['.github/workflows/sync-upstream.yml', 'subscriptions.json']));
    expect(result.setup.lint).toEqual({ ok: true, problems: 0 });
  });

  it('notifies only the cousins whose paths changed, one request each', () => {
    expect(result.steps.map((s) => s.dispatch)).toEqual([
      { code: 0, delivered: 2, failed: 0, requests: 2 },
      { code: 0, delivered: 2, failed: 0, requests: 2 },
      { code: 0, delivered: 1, failed: 0, requests: 1 },
    ]);
    expect(result.steps.map((s) => s.cousins.filter((c) => c.notified).map((c) => c.repo))).toEqual([
      ['acme/flask-push-app', 'acme/react-push-app'],
      ['acme/flask-push-app', 'acme/react-push-app'],
      ['acme/flask-push-app'],
    ]);
  });

  it('maps the flask feature into the cousin\'s own layout and records the upstream commit', () => {
    const first = cousin(0, 'acme/flask-push-app').pull!;
    expect(first.action).toBe('opened');
    expect(first.files).toContain('app/push/app/push.py');
    expect(first.trailers).toEqual({ 'Upstream-Repo': 'acme/monorepo', 'Upstream-Commit': result.steps[0]!.commit, 'Upstream-Feature': 'features/webpush/flask' });
  });

  it('updates the react cousin\'s open PR in place instead of opening another', () => {
    const [first, second] = [cousin(0, 'acme/react-push-app').pull!, cousin(1, 'acme/react-push-app').pull!];
    expect(second.number).toBe(first.number);
    expect(second.action).toBe('updated');
    expect(second.trailers['Upstream-Commit']).toBe(result.steps[1]!.commit);
  });

  it('reports the conflict with the local edit on the same PR', () => {
    const third = cousin(2, 'acme/flask-push-app').pull!;
    expect(third).toMatchObject({ action: 'updated', conflict: true, number: cousin(1, 'acme/flask-push-app').pull!.number });
    expect(third.labels).toContain('conflict');
    expect(cousin(2, 'acme/flask-push-app').sync?.summary).toMatch(/conflict in app\/push\/app\/push\.py/);
  });

  it('keeps the bare repositories with --keep', () => {
    for (const repo of ['acme/monorepo.git', 'acme/flask-push-app.git', 'acme/react-push-app.git', 'acme/pwa-starter.git']) {
      expect(existsSync(join(keep, repo, 'HEAD'))).toBe(true);
    }
    expect(result.dataDir).toBe(keep);
  });
});
