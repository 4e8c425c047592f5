import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Git } from '@ecosystem-dispatcher/core';
import { createTempRepo, TEST_GIT_ENV } from '@ecosystem-dispatcher/core/testing';
import type { TempRepo } from '@ecosystem-dispatcher/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCheckout, runWorkflow } from './index.js';

let upstream: TempRepo;
let first: string;
let second: string;
let bare: string;
let scratch: string;

beforeAll(async () => {
  upstream = await createTempRepo({ prefix: 'checkout-source-' });
  first = await upstream.commit({ 'README.md': 'one\n' }, 'first');
  second = await upstream.commit({ 'README.md': 'two\n', 'features/a/x.txt': 'x\n' }, 'second');
  await upstream.git.run(['tag', 'v1', first]);
  scratch = await mkdtemp(path.join(os.tmpdir(), 'checkout-test-'));
  bare = path.join(scratch, 'octo', 'mono.git');
  await new Git(scratch, TEST_GIT_ENV).run(['clone', '--quiet', '--bare', upstream.dir, bare]);
});

afterAll(async () => {
  await upstream.remove();
  await rm(scratch, { recursive: true, force: true });
});

async function checkout(withInputs: string, github: Record<string, unknown> = {}) {
  const workspace = await mkdtemp(path.join(scratch, 'ws-'));
  const file = path.join(scratch, `checkout-${path.basename(workspace)}.yml`);
  await writeFile(file, `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@${'0'.repeat(40)}\n        with: ${withInputs}\n`);
  const run = await runWorkflow(file, {
    repositoryRoot: scratch,
    workspace,
    event: { name: 'push', payload: {} },
    github: { repository: 'octo/mono', sha: second, ref: 'refs/heads/main', ...github },
    actions: { 'actions/checkout': localCheckout({ cloneUrl: (repository) => path.join(scratch, `${repository}.git`), gitEnv: TEST_GIT_ENV }) },
  });
  expect(run.result, JSON.stringify(run.jobs.a?.steps[0]?.stderr)).toBe('success');
  return { workspace, git: new Git(workspace, TEST_GIT_ENV) };
}

describe('the local actions/checkout', () => {
  it('checks out github.sha on the pushed branch, one commit deep by default', async () => {
    const { workspace, git } = await checkout('{ persist-credentials: false }');
    expect((await git.output(['rev-parse', 'HEAD'])).trim()).toBe(second);
    expect((await git.output(['branch', '--show-current'])).trim()).toBe('main');
    expect((await git.output(['rev-list', '--count', 'HEAD'])).trim()).toBe('1');
    expect(await readFile(path.join(workspace, 'features/a/x.txt'), 'utf8')).toBe('x\n');
  });

  it('fetch-depth: 0 brings the whole history, remote branches and tags', async () => {
    const { git } = await checkout('{ fetch-depth: 0 }');
    expect((await git.output(['rev-list', '--count', 'HEAD'])).trim()).toBe('2');
    expect((await git.output(['rev-parse', 'v1'])).trim()).toBe(first);
    expect((await git.output(['rev-parse', 'origin/main'])).trim()).toBe(second);
  });

  it('ref: and path: check out another commit into a sub-folder, detached', async () => {
    const { workspace } = await checkout(`{ ref: ${first}, path: sub, fetch-depth: 0 }`);
    expect(await readFile(path.join(workspace, 'sub/README.md'), 'utf8')).toBe('one\n');
    expect(existsSync(path.join(workspace, 'sub/features'))).toBe(false);
  });

  it('the token is kept in .git/config only with persist-credentials', async () => {
    const kept = await checkout('{ token: ghp_test_local, persist-credentials: true }');
    const dropped = await checkout('{ token: ghp_test_local, persist-credentials: false }');
    expect(await readFile(path.join(kept.workspace, '.git/config'), 'utf8')).toContain('extraHeader');
    expect(await readFile(path.join(dropped.workspace, '.git/config'), 'utf8')).not.toContain('extraHeader');
  });
});
