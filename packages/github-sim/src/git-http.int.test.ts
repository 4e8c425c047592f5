import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sim } from './index.js';
import { commitFiles, git, gitFails, tempDir, tokenUrl } from './test-support/git.js';
import { simWithRepo } from './test-support/sim.js';

let sim: Sim;
let close: () => Promise<void>;
let work: { path: string; remove: () => Promise<void> };

beforeEach(async () => {
  ({ sim, close } = await simWithRepo({ 'README.md': '# widgets\n', '.github/workflows/ci.yml': 'on: push\n', 'features/a/x.txt': 'a\n', 'features/b/y.txt': 'b\n' }));
  await sim.createRepo('acme/secret', { private: true });
  work = await tempDir();
});

afterEach(async () => {
  await close();
  await work.remove();
});

describe('git smart HTTP', () => {
  it('clones a public repository anonymously, dotfiles included', async () => {
    await git(work.path, 'clone', '--quiet', `${sim.gitUrl}/acme/widgets.git`, 'clone');
    expect(await readFile(join(work.path, 'clone/.github/workflows/ci.yml'), 'utf8')).toBe('on: push\n');
    expect((await git(join(work.path, 'clone'), 'branch', '--show-current')).trim()).toBe('main');
  });

  it('pushes with the token in the URL and emits a push event', async () => {
    const token = sim.createToken({ login: 'alice', repos: ['acme/widgets'], permissions: 'write' });
    const pushes: unknown[] = [];
    sim.onEvent('push', (event) => void pushes.push(event));
    const url = tokenUrl(sim.gitUrl, 'acme/widgets', token);
    await git(work.path, 'clone', '--quiet', url, 'clone');
    const clone = join(work.path, 'clone');
    const before = (await git(clone, 'rev-parse', 'HEAD')).trim();
    const after = await commitFiles(clone, { 'features/a/x.txt': 'changed\n' }, 'change a');
    await git(clone, 'push', '--quiet', 'origin', 'main');
    await sim.idle();
    expect(pushes).toEqual([{ repo: 'acme/widgets', ref: 'refs/heads/main', before, after, pusher: 'alice' }]);
  });

  it('refuses a push without write permission with 403', async () => {
    const token = sim.createToken({ repos: ['acme/widgets'], permissions: 'read' });
    const url = tokenUrl(sim.gitUrl, 'acme/widgets', token);
    await git(work.path, 'clone', '--quiet', url, 'clone');
    const clone = join(work.path, 'clone');
    await commitFiles(clone, { 'new.txt': 'x\n' }, 'new');
    const result = await gitFails(clone, 'push', '--quiet', 'origin', 'main');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/403/);
  });

  it('asks for credentials on a private repository and hides it from other tokens', async () => {
    const anonymous = await gitFails(work.path, 'clone', '--quiet', `${sim.gitUrl}/acme/secret.git`, 'anon');
    expect(anonymous.stderr).toMatch(/Authentication failed|could not read Username|terminal prompts disabled/);
    const other = sim.createToken({ repos: ['acme/widgets'] });
    const hidden = await gitFails(work.path, 'clone', '--quiet', tokenUrl(sim.gitUrl, 'acme/secret', other), 'hidden');
    expect(hidden.stderr).toMatch(/not found/i);
  });

  it('accepts the token in an Authorization header, Basic or Bearer, and speaks protocol v2', async () => {
    const token = sim.createToken({ repos: ['acme/secret'] });
    const basic = `Authorization: Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;
    await git(work.path, '-c', `http.extraHeader=${basic}`, '-c', 'protocol.version=2', 'clone', '--quiet', `${sim.gitUrl}/acme/secret.git`, 'basic');
    await git(work.path, '-c', `http.extraHeader=Authorization: Bearer ${token}`, 'ls-remote', `${sim.gitUrl}/acme/secret.git`);
    expect(existsSync(join(work.path, 'basic/.git'))).toBe(true);
  });

  it('serves a partial clone with sparse checkout and fetches missing blobs on demand', async () => {
    await git(work.path, 'clone', '--quiet', '--filter=blob:none', '--no-checkout', `${sim.gitUrl}/acme/widgets.git`, 'partial');
    const clone = join(work.path, 'partial');
    expect((await git(clone, 'config', 'remote.origin.promisor')).trim()).toBe('true');
    await git(clone, 'sparse-checkout', 'set', '--no-cone', '/features/a/');
    await git(clone, 'checkout', '--quiet', 'main');
    expect(existsSync(join(clone, 'features/a/x.txt'))).toBe(true);
    expect(existsSync(join(clone, 'features/b/y.txt'))).toBe(false);
    const missing = await git(clone, 'rev-list', '--objects', '--missing=print', 'HEAD');
    expect(missing).toMatch(/^\?[0-9a-f]{40}$/m);
  });

  it('fetches new commits with the token in a header', async () => {
    const token = sim.createToken({ repos: ['acme/widgets'] });
    await git(work.path, 'clone', '--quiet', tokenUrl(sim.gitUrl, 'acme/widgets', token), 'writer');
    const writer = join(work.path, 'writer');
    const sha = await commitFiles(writer, { 'features/b/y.txt': 'bb\n' }, 'change b');
    await git(writer, 'push', '--quiet', 'origin', 'HEAD:refs/heads/topic');
    await git(work.path, 'clone', '--quiet', `${sim.gitUrl}/acme/widgets.git`, 'reader');
    const reader = join(work.path, 'reader');
    await git(reader, '-c', `http.extraHeader=Authorization: token ${token}`, 'fetch', '--quiet', 'origin', 'topic');
    expect((await git(reader, 'rev-parse', 'FETCH_HEAD')).trim()).toBe(sha);
  });

  it('reads gzip request bodies and passes Git-Protocol through for protocol v2', async () => {
    // A protocol v2 ls-refs command in pkt-line framing: command, delimiter, argument, flush.
    const pkt = (line: string) => `${(line.length + 4).toString(16).padStart(4, '0')}${line}`;
    const body = `${pkt('command=ls-refs\n')}0001${pkt('ref-prefix refs/heads/\n')}0000`;
    const response = await fetch(`${sim.gitUrl}/acme/widgets.git/git-upload-pack`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-git-upload-pack-request', 'content-encoding': 'gzip', 'git-protocol': 'version=2' },
      body: gzipSync(Buffer.from(body)),
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    const main = (await git(work.path, 'ls-remote', `${sim.gitUrl}/acme/widgets.git`, 'refs/heads/main')).split('\t')[0];
    expect(text).toContain(`${main} refs/heads/main`);
  });

  it('reports each ref change once when pushes and API updates race', async () => {
    const token = sim.createToken({ repos: ['acme/widgets'] });
    const events: { ref: string }[] = [];
    sim.onEvent('push', (event) => void events.push(event));
    const clones = ['one', 'two'].map((name) => join(work.path, name));
    for (const clone of clones) await git(work.path, 'clone', '--quiet', tokenUrl(sim.gitUrl, 'acme/widgets', token), clone);
    await Promise.all(clones.map((clone, index) => commitFiles(clone, { [`racer-${index}.txt`]: `${index}\n` }, `racer ${index}`)));
    const main = (await git(clones[0]!, 'rev-parse', 'origin/main')).trim();
    await Promise.all([
      git(clones[0]!, 'push', '--quiet', 'origin', 'HEAD:refs/heads/race-0'),
      git(clones[1]!, 'push', '--quiet', 'origin', 'HEAD:refs/heads/race-1'),
      fetch(`${sim.url}/repos/acme/widgets/git/refs`, { method: 'POST', headers: { authorization: `token ${token}` }, body: JSON.stringify({ ref: 'refs/heads/race-api', sha: main }) }),
    ]);
    await sim.idle();
    expect(events.map((event) => event.ref).sort()).toEqual(['refs/heads/race-0', 'refs/heads/race-1', 'refs/heads/race-api']);
  });
});
