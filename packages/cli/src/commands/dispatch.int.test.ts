import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTempRepo, type TempRepo } from '@ecosystem-dispatcher/core/testing';
import { startSim, type Sim } from '@ecosystem-dispatcher/github-sim';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../main.js';
import { captureIO } from '../test-support/capture-io.js';

const COUSINS = ['acme/flask-app', 'acme/react-app', 'beta/pwa-app'];
const ECOSYSTEM = JSON.stringify({
  cousins: [
    { repo: 'acme/flask-app', subscriptions: ['features/webpush/flask'] },
    { repo: 'acme/react-app', subscriptions: ['features/webpush/react'] },
    { repo: 'beta/pwa-app', subscriptions: ['features/webpush'] },
    { repo: 'acme/paused', subscriptions: ['features/webpush'], enabled: false },
  ],
});

let repo: TempRepo;
let sim: Sim;
let token: string;
let base: string;
let head: string;

beforeEach(async () => {
  repo = await createTempRepo();
  base = await repo.commit({ 'ecosystem.json': ECOSYSTEM, 'features/webpush/flask/app.py': '1', 'features/webpush/react/app.tsx': '1' });
  head = await repo.commit({ 'features/webpush/flask/app.py': '2', 'features/webpush/react/app.tsx': '2' });
  sim = await startSim();
  // Private, as most cousins are: a token that may not see one gets GitHub's 404.
  for (const name of [...COUSINS, 'acme/monorepo']) await sim.createRepo(name, { private: true });
  token = sim.createToken({ login: 'dispatcher', repos: [...COUSINS, 'acme/monorepo'] });
});

afterEach(async () => {
  expect(sim.contractViolations).toEqual([]);
  await sim.close();
  await repo.remove();
});

async function dispatch(argv: string[], env: Record<string, string> = {}) {
  const io = captureIO({ cwd: repo.dir, env: { ECOSYSTEM_TOKEN: token, ECOSYSTEM_SECOND_MS: '2', GITHUB_REPOSITORY: 'acme/monorepo', ...env } });
  const code = await runCli(['dispatch', '--base', base, '--head', head, '--api-url', sim.url, ...argv], io);
  return { code, out: io.out(), err: io.err(), all: io.out() + io.err() };
}

describe('ecosystem dispatch', () => {
  it('notifies every subscribed cousin once, prints progress and a table, exits 0', async () => {
    const { code, out, err } = await dispatch([]);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(sim.dispatches().map((d) => d.repo)).toEqual(COUSINS);
    expect(sim.dispatches('beta/pwa-app')[0]!.client_payload).toMatchObject({ updated_features: ['features/webpush'], commit_sha: head, before_sha: base, source_repo: 'acme/monorepo' });
    expect(out).toContain('[1/3] delivered acme/flask-app\n[2/3] delivered acme/react-app\n[3/3] delivered beta/pwa-app\n');
    expect(out).toMatch(/acme\/paused +- +features\/webpush +skipped +0 +disabled in ecosystem\.json/);
    expect(out).toContain('3 delivered, 0 failed, 1 skipped of 4 (3 requests).');
  });

  it('keeps a single live counter line on a terminal', async () => {
    const io = captureIO({ cwd: repo.dir, isTTY: true, env: { ECOSYSTEM_TOKEN: token, ECOSYSTEM_SECOND_MS: '2', GITHUB_REPOSITORY: 'acme/monorepo' } });
    expect(await runCli(['dispatch', '--base', base, '--head', head, '--api-url', sim.url], io)).toBe(0);
    expect(io.out()).toContain('\r\x1b[2K[1/3] delivered acme/flask-app\r\x1b[2K[2/3] delivered acme/react-app\r\x1b[2K[3/3] delivered beta/pwa-app\n');
  });

  it('writes the Actions outputs, the step summary and the JSON report', async () => {
    const outputFile = join(repo.dir, 'github-output');
    const summaryFile = join(repo.dir, 'step-summary.md');
    await writeFile(outputFile, '');
    const { code } = await dispatch(['--report', 'report.json'], { GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile });
    expect(code).toBe(0);
    const outputs = await readFile(outputFile, 'utf8');
    expect(outputs).toMatch(/^dispatched<<(ghadelimiter_[0-9a-f-]+)\n\["acme\/flask-app","acme\/react-app","beta\/pwa-app"\]\n\1\nfailed<<(ghadelimiter_[0-9a-f-]+)\n\[\]\n\2\npending<<(ghadelimiter_[0-9a-f-]+)\n\[\]\n\3\n$/);
    const summary = await readFile(summaryFile, 'utf8');
    expect(summary).toContain('3 delivered · 0 failed · 1 skipped of 4');
    expect(summary).toContain('| acme/flask-app | feature-update | features/webpush/flask | ✅ delivered |  |');
    const report = JSON.parse(await readFile(join(repo.dir, 'report.json'), 'utf8'));
    expect(report).toMatchObject({ head, base, counts: { total: 4, delivered: 3, failed: 0, skipped: 1 }, requests: 3 });
  });

  it('reports a failed cousin, exits 1, and opens, updates and closes the notify issue', async () => {
    const failing = sim.createToken({ login: 'dispatcher', repos: ['acme/flask-app', 'beta/pwa-app', 'acme/monorepo'] });
    const outputFile = join(repo.dir, 'github-output');
    await writeFile(outputFile, '');
    const first = await dispatch(['--notify-issue'], { ECOSYSTEM_TOKEN: failing, GITHUB_SERVER_URL: 'https://github.com', GITHUB_RUN_ID: '101', GITHUB_OUTPUT: outputFile });
    expect(first.code).toBe(1);
    const failedOutput = /failed<<(ghadelimiter_[0-9a-f-]+)\n(.*)\n\1\n/.exec(await readFile(outputFile, 'utf8'))?.[2];
    expect(JSON.parse(failedOutput ?? 'null')).toEqual([{ repo: 'acme/react-app', features: ['features/webpush/react'], reason: expect.stringContaining('the repository does not exist or the token cannot see it'), status: 404 }]);
    expect(first.out).toContain("[2/3] FAILED acme/react-app: the repository does not exist or the token cannot see it — check the token's repository access");
    expect(first.out).toContain('2 delivered, 1 failed, 1 skipped of 4');
    expect(first.out).toContain('Notify: created issue #1 on acme/monorepo');
    const again = await dispatch(['--notify-issue'], { ECOSYSTEM_TOKEN: failing, GITHUB_SERVER_URL: 'https://github.com', GITHUB_RUN_ID: '102' });
    expect(again.out).toContain('Notify: updated issue #1');
    const fixed = await dispatch(['--notify-issue'], { GITHUB_SERVER_URL: 'https://github.com', GITHUB_RUN_ID: '103' });
    expect(fixed.code).toBe(0);
    expect(fixed.out).toContain('Notify: closed issue #1');
    const [issue] = sim.issues('acme/monorepo');
    expect(issue).toMatchObject({ state: 'closed', labels: ['ecosystem-dispatch'] });
    expect(issue!.comments.map((c) => c.body)).toEqual([
      'Run https://github.com/acme/monorepo/actions/runs/102 failed for 1 cousin(s): `acme/react-app`.',
      'Run https://github.com/acme/monorepo/actions/runs/103 delivered to every cousin (3). Closing.',
    ]);
  });

  it('posts to the notify webhook when something failed', async () => {
    const received: unknown[] = [];
    const server: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk)).on('end', () => {
        received.push(JSON.parse(body));
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook/secret-path-part`;
    const failing = sim.createToken({ repos: ['acme/flask-app', 'beta/pwa-app'] });
    const { code, all } = await dispatch([], { ECOSYSTEM_TOKEN: failing, ECOSYSTEM_NOTIFY_WEBHOOK: url });
    await new Promise((resolve) => server.close(resolve));
    expect(code).toBe(1);
    expect(received).toEqual([expect.objectContaining({ text: expect.stringContaining('acme/react-app'), failed: [expect.objectContaining({ repo: 'acme/react-app' })] })]);
    expect(all).toContain('Notify: posted the failure summary to the webhook');
    expect(all).not.toContain('secret-path-part');
  });

  it('refuses an --only name that is no cousin of the config (exit 2), naming the closest, and sends nothing', async () => {
    const { code, err } = await dispatch(['--only', 'acme/flsk-app']);
    expect({ code, err }).toEqual({ code: 2, err: 'ecosystem dispatch: --only acme/flsk-app is not a cousin in ecosystem.json (did you mean acme/flask-app?)\n' });
    expect(sim.requests()).toEqual([]);
  });

  it('sends only to --only cousins and warns about names the change does not notify', async () => {
    const { code, out, err } = await dispatch(['--only', 'beta/pwa-app,acme/paused']);
    expect(code).toBe(0);
    expect(sim.dispatches().map((d) => d.repo)).toEqual(['beta/pwa-app']);
    expect(out).toMatch(/acme\/flask-app .* skipped +0 +not in --only/);
    expect(err).toBe('warning: --only names acme/paused, which this change does not notify\n');
  });

  it('prints the plan and sends nothing on --dry-run, without credentials', async () => {
    const { code, out } = await dispatch(['--dry-run'], { ECOSYSTEM_TOKEN: '' });
    expect(code).toBe(0);
    expect(out).toContain('3 dispatches to 3 cousin(s).');
    expect(out).toContain('Skipped acme/paused (disabled): features/webpush');
    expect(out).toMatch(/Dry run: sent nothing \(3 dispatches would be sent\)\.\n$/);
    const narrowed = await dispatch(['--dry-run', '--only', 'acme/react-app'], { ECOSYSTEM_TOKEN: '' });
    expect(narrowed.out).toMatch(/Skipped acme\/flask-app \(not in --only\)\nSkipped beta\/pwa-app \(not in --only\)\nDry run: sent nothing \(1 dispatch would be sent\)\.\n$/);
    expect(sim.requests()).toEqual([]);
  });

  it('refuses bad usage with exit 2 before sending anything', async () => {
    expect(await dispatch(['extra'])).toMatchObject({ code: 2, err: expect.stringContaining('unexpected argument "extra"') });
    expect(await dispatch(['--only', 'https://github.com/acme/x'])).toMatchObject({ code: 2, err: expect.stringContaining('write "acme/x"') });
    expect(await dispatch(['--notify-issue'], { GITHUB_REPOSITORY: '' })).toMatchObject({ code: 2, err: expect.stringContaining('--notify-issue needs the monorepo') });
    expect(await dispatch([], { ECOSYSTEM_TOKEN: '' })).toMatchObject({ code: 2, err: expect.stringContaining('no GitHub credentials') });
    expect(sim.dispatches()).toEqual([]);
  });
});

describe('revisions, source repository and ref', () => {
  it('resolve any revision to full SHAs, name the monorepo from origin and the ref from the branch', async () => {
    await repo.git.run(['remote', 'add', 'origin', 'git@github.com:acme/monorepo.git']);
    const branch = (await repo.git.output(['symbolic-ref', 'HEAD'])).trim();
    const { code, err } = await dispatch(['--base', 'HEAD~1', '--head', 'HEAD'], { GITHUB_REPOSITORY: '', GITHUB_REF: '' });
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(sim.dispatches('acme/flask-app')[0]!.client_payload).toMatchObject({ commit_sha: head, before_sha: base, source_repo: 'acme/monorepo', ref: branch });
  });

  it('refuse, exit 2 and send nothing when the payload could not name its source repository', async () => {
    const { code, err } = await dispatch(['--base', 'HEAD~1', '--head', 'HEAD'], { GITHUB_REPOSITORY: '' });
    expect(code).toBe(2);
    expect(err).toBe('ecosystem dispatch: not sending to acme/flask-app: its sync would reject the payload: source_repo is missing (sync refuses a version-2 payload without it): pass --source-repo OWNER/NAME (or set GITHUB_REPOSITORY, or give --repo-dir an origin on GitHub)\n');
    expect(sim.dispatches()).toEqual([]);
  });
});

describe('ecosystem dispatch never prints a credential', () => {
  it('masks the PAT, and registers it with ::add-mask:: in Actions', async () => {
    const outside = await dispatch([]);
    expect(outside.all).not.toContain(token);
    const inActions = await dispatch([], { GITHUB_ACTIONS: 'true' });
    const lines = inActions.all.split('\n');
    expect(lines.filter((line) => line.includes(token))).toEqual([`::add-mask::${token}`]);
  });

  it('uses one App installation token per owner and masks each', async () => {
    const app = sim.createApp({ installations: [{ account: 'acme', repos: '*' }, { account: 'beta', repos: '*' }] });
    const { code, all } = await dispatch([], { ECOSYSTEM_TOKEN: '', ECOSYSTEM_APP_ID: String(app.appId), ECOSYSTEM_APP_PRIVATE_KEY: app.privateKey, GITHUB_ACTIONS: 'true' });
    expect(code).toBe(0);
    expect(sim.dispatches().map((d) => d.repo)).toEqual(COUSINS);
    expect(sim.requests().filter((r) => r.path.endsWith('/access_tokens'))).toHaveLength(2);
    const masks = all.split('\n').filter((line) => line.startsWith('::add-mask::ghs_'));
    expect(masks).toHaveLength(2);
    const keyLines = app.privateKey.split('\n').filter((line) => line.length > 20 && !line.startsWith('-----'));
    for (const secret of [...masks.map((m) => m.slice('::add-mask::'.length)), ...keyLines]) {
      expect(all.split('\n').filter((line) => line.includes(secret) && !line.startsWith('::add-mask::'))).toEqual([]);
    }
  });

  it('masks a token that ends up in an error message', async () => {
    const { code, all } = await dispatch(['--api-url', `not a url ${token}`]);
    expect(code).toBe(2);
    expect(all).toContain('not a URL');
    expect(all).not.toContain(token);
  });
});
