import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createOctokit } from '@ecosystem-dispatcher/github';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../main.js';
import { captureIO } from '../test-support/capture-io.js';
import { buildStatusFleet, type StatusFleet } from '../test-support/status-fleet.js';

const MARKER = '<!-- ecosystem-dispatcher:fleet-dashboard -->';
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

let fleet: StatusFleet;
let writer: string;
let admin: ReturnType<typeof createOctokit>;

beforeAll(async () => {
  fleet = await buildStatusFleet();
  await writeFile(join(fleet.dir, 'empty.txt'), '');
  writer = fleet.sim.createToken({ login: 'dispatcher', repos: '*' });
  admin = createOctokit({ auth: { kind: 'token', token: fleet.sim.adminToken, source: 'test' }, baseUrl: fleet.sim.url, log: quiet, throttle: { secondMs: 1 } });
});
afterAll(async () => {
  await fleet?.close();
});

async function ecosystem(argv: string[]) {
  const io = captureIO({ cwd: fleet.dir, env: { ECOSYSTEM_TOKEN: writer, ECOSYSTEM_SECOND_MS: '2', GITHUB_REPOSITORY: 'acme/monorepo' } });
  const code = await runCli([...argv, '--api-url', fleet.sim.url], io);
  return { code, out: io.out(), err: io.err() };
}

async function dashboards() {
  const issues = await admin.paginate(admin.rest.issues.listForRepo, { owner: 'acme', repo: 'monorepo', state: 'all', per_page: 100 });
  return issues.filter((issue) => (issue.body ?? '').includes(MARKER));
}

describe('ecosystem status --dashboard-issue against github-sim', () => {
  it('opens one dashboard issue, then keeps that one current', async () => {
    const pull = await admin.rest.pulls.get({ owner: 'acme', repo: 'one', pull_number: 1 });
    await admin.rest.repos.createCommitStatus({ owner: 'acme', repo: 'one', sha: pull.data.head.sha, state: 'failure', context: 'ci/test' });

    const first = await ecosystem(['status', '--dashboard-issue', '--format', 'json']);
    expect(first.code).toBe(0);
    expect(first.err).toMatch(/^created dashboard issue #\d+ on acme\/monorepo: http/m);
    const second = await ecosystem(['status', '--dashboard-issue', '--report-url', 'https://acme.example/fleet.html']);
    expect(second.code).toBe(0);
    expect(second.err).toMatch(/^(updated|unchanged) dashboard issue #\d+/m);

    const found = await dashboards();
    expect(found).toHaveLength(1);
    const body = found[0]!.body!;
    const rows = body.split('\n').filter((line) => line.startsWith('| **'));
    expect(rows.map((line) => line.split(' | ')[0])).toEqual(['| **unreachable**', '| **conflict**', '| **failing**', '| **never-synced**', '| **up-to-date**']);
    expect(rows[1]).toMatch(/ \| `features\/b` \| 1 \| \[#1 \(conflict\)\]\(http:\/\/127\.0\.0\.1:\d+\/acme\/one\/pull\/1\) \| failing \| - \|$/);
    expect(body).toContain('- [ ] `acme/one` `features/a` (failing)');
  });

  it('re-dispatches a ticked row on the next dispatch run and unticks it', async () => {
    const [issue] = await dashboards();
    const ticked = issue!.body!.replace('- [ ] `acme/one` `features/a`', '- [x] `acme/one` `features/a`');
    await admin.rest.issues.update({ owner: 'acme', repo: 'monorepo', issue_number: issue!.number, body: ticked });
    const head = (await admin.rest.repos.getBranch({ owner: 'acme', repo: 'monorepo', branch: 'main' })).data.commit.sha;

    const run = await ecosystem(['dispatch', '--dashboard-issue', '--files-from', 'empty.txt', '--head', head]);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain('Dashboard: re-dispatched 1 ticked row(s)');
    expect(fleet.sim.dispatches('acme/one').map((d) => d.client_payload)).toEqual([expect.objectContaining({ updated_features: ['features/a'], commit_sha: head })]);
    const after = (await admin.rest.issues.get({ owner: 'acme', repo: 'monorepo', issue_number: issue!.number })).data.body!;
    expect(after).toContain('- [ ] `acme/one` `features/a`');
    expect(after).not.toContain('- [x]');

    // Nothing ticked: the next run sends nothing.
    expect((await ecosystem(['dispatch', '--dashboard-issue', '--files-from', 'empty.txt', '--head', head])).code).toBe(0);
    expect(fleet.sim.dispatches('acme/one')).toHaveLength(1);
  });

  it('dispatch --pending with the outbox re-dispatches a ticked row too, at the commit planned through', async () => {
    const head = (await admin.rest.repos.getBranch({ owner: 'acme', repo: 'monorepo', branch: 'main' })).data.commit.sha;
    // A push run plans through head into the outbox (this push changes nothing).
    expect((await ecosystem(['dispatch', '--state', 'outbox.json', '--files-from', 'empty.txt', '--head', head])).code).toBe(0);
    const [issue] = await dashboards();
    const ticked = issue!.body!.replace('- [ ] `acme/one` `features/b`', '- [x] `acme/one` `features/b`');
    await admin.rest.issues.update({ owner: 'acme', repo: 'monorepo', issue_number: issue!.number, body: ticked });
    const before = fleet.sim.dispatches('acme/one').length;

    const run = await ecosystem(['dispatch', '--pending', '--state', 'outbox.json', '--dashboard-issue']);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain('Dashboard: re-dispatched 1 ticked row(s)');
    expect(fleet.sim.dispatches('acme/one').slice(before).map((d) => d.client_payload)).toEqual([expect.objectContaining({ updated_features: ['features/b'], commit_sha: head })]);
    const after = (await admin.rest.issues.get({ owner: 'acme', repo: 'monorepo', issue_number: issue!.number })).data.body!;
    expect(after).not.toContain('- [x]');
    // Delivered: the outbox owes nothing, and the next --pending run sends nothing.
    expect((await ecosystem(['dispatch', '--pending', '--state', 'outbox.json', '--dashboard-issue'])).out).toContain('Nothing to dispatch.');
    expect(fleet.sim.dispatches('acme/one')).toHaveLength(before + 1);
  });
});
