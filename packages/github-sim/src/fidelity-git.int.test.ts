import { describe, expect, it } from 'vitest';
import { octokit, useSimPerTest } from './test-support/sim.js';
import { commitFiles, git, gitFails, tempDir, tokenUrl } from './test-support/git.js';
import type { Sim } from './index.js';

/*
 * GitHub's rules on git content, one per test, each naming the page or OpenAPI operation it follows.
 * Contents: operation repos/get-content, https://docs.github.com/rest/repos/contents#get-repository-content
 */

const startSim = useSimPerTest();

async function pushFiles(sim: Sim, token: string, files: Record<string, string>, branch = 'topic'): Promise<{ code: number; stderr: string }> {
  const work = await tempDir();
  try {
    await git(work.path, 'clone', '--quiet', tokenUrl(sim.gitUrl, 'acme/widgets', sim.adminToken), 'c');
    await commitFiles(`${work.path}/c`, files, 'change');
    return await gitFails(`${work.path}/c`, 'push', '--quiet', tokenUrl(sim.gitUrl, 'acme/widgets', token), `HEAD:refs/heads/${branch}`);
  } finally {
    await work.remove();
  }
}

describe('pushes touching .github/workflows/ (page "Scopes for OAuth apps": workflow; App permission "Workflows")', () => {
  it('refuses a PAT without the workflow permission in GitHub words, and accepts one with it', async () => {
    const sim = await startSim({});
    const plain = sim.createToken({ repos: ['acme/widgets'] });
    const refused = await pushFiles(sim, plain, { '.github/workflows/ci.yml': 'on: push\n' });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('refusing to allow a Personal Access Token to create or update workflow `.github/workflows/ci.yml` without `workflow` scope');
    expect(await pushFiles(sim, plain, { 'src/a.txt': 'a\n' })).toEqual({ code: 0, stderr: '' });
    const withWorkflows = sim.createToken({ repos: ['acme/widgets'], permissions: { contents: 'write', workflows: 'write' } });
    expect((await pushFiles(sim, withWorkflows, { '.github/workflows/ci.yml': 'on: push\n' }, 'other')).code).toBe(0);
  });

  it('refuses a GITHUB_TOKEN-like token whatever it holds: "without `workflows` permission"', async () => {
    const sim = await startSim({});
    const actions = sim.createToken({ kind: 'actions', repos: ['acme/widgets'], permissions: { contents: 'write', workflows: 'write' } });
    const refused = await pushFiles(sim, actions, { '.github/workflows/ci.yml': 'on: push\n' });
    expect(refused.stderr).toContain('refusing to allow a GitHub App to create or update workflow `.github/workflows/ci.yml` without `workflows` permission');
  });
});

describe('contents (operation repos/get-content)', () => {
  it('lists at most 1,000 entries of a folder', async () => {
    const files = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`many/f${String(i).padStart(4, '0')}.txt`, `${i}\n`]));
    const sim = await startSim({});
    await pushFiles(sim, sim.adminToken, files);
    const listed = await octokit(sim, sim.adminToken).rest.repos.getContent({ owner: 'acme', repo: 'widgets', path: 'many', ref: 'topic' });
    expect((listed.data as unknown[]).length).toBe(1000);
  });

  it('gives a file over 1 MB without content (encoding "none"), refuses one over 100 MB with 403 too_large', async () => {
    // 100 MB in a test is slow: the upper threshold is configurable and set to 2 MB here.
    const sim = await startSim({ rules: { maxFileBytes: 2 * 1024 * 1024 } });
    await pushFiles(sim, sim.adminToken, { 'big.bin': 'b'.repeat(1024 * 1024 + 1), 'huge.bin': 'h'.repeat(2 * 1024 * 1024 + 1) });
    const client = octokit(sim, sim.adminToken);
    const big = (await client.rest.repos.getContent({ owner: 'acme', repo: 'widgets', path: 'big.bin', ref: 'topic' })).data as { encoding: string; content: string; size: number };
    expect([big.encoding, big.content, big.size]).toEqual(['none', '', 1024 * 1024 + 1]);
    const huge = await client.rest.repos.getContent({ owner: 'acme', repo: 'widgets', path: 'huge.bin', ref: 'topic' }).catch((error: { status: number; response: { data: { errors: { code: string }[] } } }) => error);
    expect(huge).toMatchObject({ status: 403, response: { data: { errors: [{ code: 'too_large' }] } } });
  });

  it('lists a submodule as "file", for backwards compatibility', async () => {
    const sim = await startSim({});
    const work = await tempDir();
    await git(work.path, 'clone', '--quiet', tokenUrl(sim.gitUrl, 'acme/widgets', sim.adminToken), 'c');
    await git(`${work.path}/c`, 'update-index', '--add', '--cacheinfo', `160000,${'1'.repeat(40)},vendor/lib`);
    await git(`${work.path}/c`, 'commit', '--quiet', '-m', 'submodule');
    await git(`${work.path}/c`, 'push', '--quiet', 'origin', 'HEAD:refs/heads/topic');
    await work.remove();
    const listed = await octokit(sim, sim.adminToken).rest.repos.getContent({ owner: 'acme', repo: 'widgets', path: 'vendor', ref: 'topic' });
    expect((listed.data as { name: string; type: string }[]).map((entry) => [entry.name, entry.type])).toEqual([['lib', 'file']]);
  });
});
