import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findUnsendablePayload, parseDispatchPayload } from '@ecosystem-dispatcher/core';
import { createTempRepo, type TempRepo } from '@ecosystem-dispatcher/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../main.js';
import { captureIO } from '../test-support/capture-io.js';

const ECOSYSTEM = JSON.stringify([
  { repo: 'acme/flask-app', subscriptions: ['features/webpush/flask'] },
  { repo: 'acme/react-app', subscriptions: ['features/webpush/react'] },
]);

let repo: TempRepo;
let base: string;

beforeEach(async () => {
  repo = await createTempRepo();
  base = await repo.commit({ 'ecosystem.json': ECOSYSTEM, 'features/webpush/flask/app.py': '1', 'features/webpush/react/app.tsx': '1' });
});
afterEach(() => repo.remove());

async function plan(argv: string[], stdin?: string) {
  const io = captureIO({ cwd: repo.dir, env: { GITHUB_REPOSITORY: 'acme/mono' }, ...(stdin !== undefined ? { stdin } : {}) });
  const code = await runCli(['plan', ...argv], io);
  return { code, out: io.out(), err: io.err() };
}

describe('ecosystem plan names full SHAs, the monorepo and the ref', () => {
  it('resolves --base/--head revisions (HEAD~1, a tag, a short SHA) to full SHAs', async () => {
    const head = await repo.commit({ 'features/webpush/flask/app.py': '2' });
    await repo.git.run(['tag', 'v1', base]);
    const { code, out } = await plan(['--base', 'v1', '--head', head.slice(0, 7), '--format', 'json']);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect([json.base, json.head]).toEqual([base, head]);
    expect(json.dispatches[0].payload).toMatchObject({ commit_sha: head, before_sha: base });
  });

  it('resolves --head of --files-from too', async () => {
    const head = await repo.commit({ 'features/webpush/flask/app.py': '2' });
    const { out } = await plan(['--files-from', '-', '--head', 'HEAD', '--format', 'json'], 'features/webpush/flask/app.py\n');
    expect(JSON.parse(out).dispatches[0].payload.commit_sha).toBe(head);
  });

  it.each([
    ['https://github.com/acme/monorepo.git'],
    ['git@ghes.example.com:acme/monorepo.git'],
    ['ssh://git@ghes.example.com:2222/acme/monorepo'],
  ])('takes source_repo from origin %s when neither --source-repo nor GITHUB_REPOSITORY says, and ref from the branch', async (url) => {
    const head = await repo.commit({ 'features/webpush/flask/app.py': '2' });
    await repo.git.run(['remote', 'add', 'origin', url]);
    await repo.git.run(['checkout', '-q', '-b', 'release']);
    const io = captureIO({ cwd: repo.dir, env: {} });
    expect(await runCli(['plan', '--base', 'HEAD~1', '--head', 'HEAD', '--format', 'json'], io)).toBe(0);
    expect(JSON.parse(io.out()).dispatches[0].payload).toMatchObject({ commit_sha: head, source_repo: 'acme/monorepo', ref: 'refs/heads/release' });
  });

  it('prefers --source-repo, then GITHUB_REPOSITORY, over origin', async () => {
    await repo.commit({ 'features/webpush/flask/app.py': '2' });
    await repo.git.run(['remote', 'add', 'origin', 'https://github.com/acme/from-origin.git']);
    expect(JSON.parse((await plan(['--base', 'HEAD~1', '--head', 'HEAD', '--format', 'json'])).out).sourceRepo).toBe('acme/mono');
    expect(JSON.parse((await plan(['--base', 'HEAD~1', '--head', 'HEAD', '--source-repo', 'acme/flag', '--format', 'json'])).out).sourceRepo).toBe('acme/flag');
  });
});

describe('ecosystem plan', () => {
  it('prints the JSON plan of a commit range', async () => {
    const head = await repo.commit({ 'features/webpush/flask/app.py': '2', 'README.md': 'x' });
    const { code, out } = await plan(['--base', base, '--head', head, '--format', 'json']);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.head).toBe(head);
    expect(json.dispatches).toEqual([
      {
        repo: 'acme/flask-app',
        eventType: 'feature-update',
        features: ['features/webpush/flask'],
        files: ['features/webpush/flask/app.py'],
        payload: expect.objectContaining({ updated_feature: 'features/webpush/flask', commit_sha: head, before_sha: base, source_repo: 'acme/mono' }),
      },
    ]);
  });

  it('plans from a push event file', async () => {
    const head = await repo.commit({ 'features/webpush/react/app.tsx': '2' });
    const eventFile = join(repo.dir, 'event.json');
    await writeFile(eventFile, JSON.stringify({ before: base, after: head, ref: 'refs/heads/main', repository: { full_name: 'acme/monorepo', default_branch: 'main' } }));
    const { code, out } = await plan(['--event', 'event.json', '--format', 'json']);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.dispatches.map((d: { repo: string }) => d.repo)).toEqual(['acme/react-app']);
    expect(json.dispatches[0].payload).toMatchObject({ source_repo: 'acme/monorepo', ref: 'refs/heads/main' });
  });

  it("sends before_sha null for a first push, which sync's parser reads back unchanged", async () => {
    // GitHub's before of a new branch is 40 zeros; with no history shared with main the diff starts from the empty tree.
    await repo.git.run(['checkout', '--quiet', '--orphan', 'lonely']);
    const head = await repo.commit({ 'features/webpush/flask/app.py': 'first' });
    await writeFile(join(repo.dir, 'event.json'), JSON.stringify({ before: '0'.repeat(40), after: head, ref: 'refs/heads/lonely', repository: { full_name: 'acme/monorepo', default_branch: 'main' } }));
    const { code, out } = await plan(['--event', 'event.json', '--format', 'json']);
    expect(code).toBe(0);
    const payload = JSON.parse(out).dispatches[0].payload;
    expect(payload).toMatchObject({ commit_sha: head, before_sha: null });
    expect(parseDispatchPayload(payload)).toEqual(payload);
    expect(findUnsendablePayload(payload)).toBeUndefined();
  });

  it('sends the merge-base as before_sha for a new branch that forked from main', async () => {
    await repo.git.run(['checkout', '--quiet', '-b', 'topic']);
    const head = await repo.commit({ 'features/webpush/flask/app.py': '2' });
    await writeFile(join(repo.dir, 'event.json'), JSON.stringify({ before: '0'.repeat(40), after: head, ref: 'refs/heads/topic', repository: { full_name: 'acme/monorepo', default_branch: 'main' } }));
    const { code, out } = await plan(['--event', 'event.json', '--format', 'json']);
    expect(code).toBe(0);
    const payload = JSON.parse(out).dispatches[0].payload;
    expect(payload.before_sha).toBe(base);
    expect(parseDispatchPayload(payload).before_sha).toBe(base);
  });

  it('prints a valid empty plan when nothing matches, and exits 0', async () => {
    const head = await repo.commit({ 'README.md': 'docs only' });
    const { code, out } = await plan(['--base', base, '--head', head, '--format', 'json']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ head, dispatches: [] });
  });

  it('reads changed files from stdin, NUL-separated with -z', async () => {
    const { code, out } = await plan(['--files-from', '-', '-z', '--format', 'json'], 'features/webpush/react/a b.tsx\0features/webpush/flask/x\0');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.head).toBe(base);
    expect(json.dispatches.map((d: { repo: string }) => d.repo)).toEqual(['acme/flask-app', 'acme/react-app']);
  });

  it('prints a readable table', async () => {
    const { code, out } = await plan(['--files-from', '-'], 'features/webpush/flask/x\n');
    expect(code).toBe(0);
    expect(out).toMatch(/cousin\s+event type\s+features\s+files/);
    expect(out).toMatch(/acme\/flask-app\s+feature-update\s+features\/webpush\/flask\s+1/);
  });

  it('gives one clear line and exit 2 for an unknown flag', async () => {
    const { code, err } = await plan(['--bogus']);
    expect(code).toBe(2);
    expect(err).toBe(`ecosystem plan: unknown option '--bogus' (see "ecosystem plan --help")\n`);
  });

  it('gives one clear line and exit 2 for a missing config file', async () => {
    const { code, err } = await plan(['--config', 'nope.json', '--files-from', '-'], '');
    expect(code).toBe(2);
    expect(err).toMatch(/^ecosystem plan: cannot read .*nope\.json: no such file\n$/);
  });

  it('names file, line and column of a broken config', async () => {
    await writeFile(join(repo.dir, 'broken.json'), '[\n  {"repo": "a/b", "subscriptions": ["x"],}\n]');
    const { code, err } = await plan(['--config', 'broken.json', '--files-from', '-'], '');
    expect(code).toBe(2);
    expect(err).toMatch(/broken\.json:2:41: JSON syntax error: trailing comma/);
  });

  it('asks for a change when none is given', async () => {
    const { code, err } = await plan([]);
    expect(code).toBe(2);
    expect(err).toMatch(/--base SHA --head SHA, --event FILE or --files-from FILE/);
  });
});

describe('ecosystem', () => {
  it('prints its version and help', async () => {
    const io = captureIO({ cwd: '/' });
    expect(await runCli(['--version'], io)).toBe(0);
    expect(io.out()).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(await runCli(['--help'], io)).toBe(0);
    expect(io.out()).toMatch(/Commands:\n(?:  .*\n)*  plan  /);
  });

  it('rejects an unknown command with exit 2', async () => {
    const io = captureIO({ cwd: '/' });
    expect(await runCli(['frobnicate'], io)).toBe(2);
    expect(io.err()).toMatch(/unknown command "frobnicate"/);
  });
});
