import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '@ecosystem-dispatcher/core';
import { createTempRepo, type TempRepo } from '@ecosystem-dispatcher/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintFile, lintFiles } from './lint.js';

let repo: TempRepo;
let plainDir: string;
const config = (subscriptions: string[]) => JSON.stringify([{ repo: 'acme/app', subscriptions }], null, 2);

beforeAll(async () => {
  repo = await createTempRepo({ prefix: 'ecosystem-lint-' });
  await repo.commit({
    '.gitignore': 'features/secret/\n*.log\n',
    'features/webpush/flask/app.py': 'print("push")\n',
    'features/webpush/flask/docs/setup.md': '# setup\n',
    'features/pwa/vanilla/sw.js': '// sw\n',
  });
  // Present on disk, invisible to git: ignored, and untracked.
  await repo.write({ 'features/secret/key.txt': 'x\n', 'features/webpush/flask/debug.log': 'x\n', 'features/draft/new.py': 'x\n' });
  plainDir = await mkdtemp(join(tmpdir(), 'ecosystem-lint-plain-'));
});

afterAll(async () => {
  await repo.remove();
  await rm(plainDir, { recursive: true, force: true });
});

async function lintConfig(subscriptions: string[], options: Parameters<typeof lintFile>[1]) {
  const file = join(repo.dir, 'ecosystem.json');
  await writeFile(file, config(subscriptions));
  return (await lintFile(file, options)).map((p) => `${p.rule}@${p.line}:${p.column}`);
}

describe('the path check on a real git repository', () => {
  it('is on by default when the root is a work tree, and accepts tracked paths', async () => {
    expect(await lintConfig(['features/webpush/flask', 'features/**/*.js'], { root: repo.dir })).toEqual([]);
  });

  it('does not count ignored files', async () => {
    expect(await lintConfig(['features/secret', 'features/**/*.log'], { root: repo.dir })).toEqual(['path/no-match@5:7', 'path/no-match@6:7']);
  });

  it('does not count untracked files', async () => {
    expect(await lintConfig(['features/draft'], { root: repo.dir })).toEqual(['path/no-match@5:7']);
  });

  it('checks exclusions against the tracked files the cousin subscribes to', async () => {
    expect(await lintConfig(['features/webpush/flask', '!features/webpush/flask/docs/**', '!features/webpush/flask/*.log'], { root: repo.dir })).toEqual([
      'exclusion/unused@7:7',
    ]);
  });

  it('is off with pathCheck: false', async () => {
    expect(await lintConfig(['features/secret'], { root: repo.dir, pathCheck: false })).toEqual([]);
  });

  it('is off by default outside a work tree, and an error when required there', async () => {
    const file = join(plainDir, 'ecosystem.json');
    await writeFile(file, config(['features/nowhere']));
    const run = await lintFiles([file], { root: plainDir });
    expect(run).toMatchObject({ problems: [], pathChecked: false });
    await expect(lintFile(file, { root: plainDir, pathCheck: true })).rejects.toThrow(UsageError);
  });

  it('takes the whole work tree by default, from any folder in it', async () => {
    const file = join(repo.dir, 'ecosystem.json');
    await writeFile(file, config(['features/webpush/flask']));
    const fromSubfolder = await lintFile('../../ecosystem.json', { cwd: join(repo.dir, 'features', 'pwa') });
    expect(fromSubfolder).toEqual([]);
  });

  it('takes paths relative to an explicit root folder', async () => {
    const file = join(repo.dir, 'ecosystem.json');
    await writeFile(file, config(['webpush/flask', 'features/webpush/flask']));
    const problems = await lintFile(file, { root: join(repo.dir, 'features') });
    expect(problems.map((p) => `${p.rule}@${p.line}`)).toEqual(['path/no-match@6']);
  });

  it('reports the run as path-checked when it was', async () => {
    const file = join(repo.dir, 'ecosystem.json');
    await writeFile(file, config(['features/pwa']));
    expect((await lintFiles([file], { root: repo.dir })).pathChecked).toBe(true);
  });
});

describe('unreadable files', () => {
  it('are a usage error (exit 2), not a finding', async () => {
    const missing = join(plainDir, 'missing.json');
    await expect(lintFile(missing)).rejects.toThrow(new UsageError(`cannot read ${missing}: no such file`));
    await expect(lintFile(plainDir)).rejects.toMatchObject({ exitCode: 2, message: `cannot read ${plainDir}: is a directory` });
  });
});
