import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOctokit } from '@ecosystem-dispatcher/github';
import type { Sim } from '@ecosystem-dispatcher/github-sim';
import { type Scratch, numberedLines as lines } from './test-support/repos.js';
import { useSimAndScratch } from './test-support/sim-lifecycle.js';
import { simFixture, type SimFixture } from './test-support/sim-fixture.js';

let sim: Sim;
let scratch: Scratch;
useSimAndScratch((started, folder) => {
  sim = started;
  scratch = folder;
});

const BRANCH = 'ecosystem/sync/features-a';
const config = { subscriptions: { 'features/a': 'app/a' }, pullRequest: { draftOnConflict: true } };
const openPull = (f: SimFixture) => sim.pulls(f.cousinName).find((p) => p.state === 'open');

/** A cousin whose main already synced `features/a` at the upstream's first commit (so later syncs merge 3-way). */
async function syncedCousin(name: string, cousinMain: string): Promise<SimFixture> {
  const f = await simFixture(sim, scratch, name, { 'features/a/main.py': lines(6), 'features/a/other.py': 'other\n' }, { 'app/a/main.py': cousinMain, 'app/a/other.py': 'other\n' }, config);
  const base = await f.upstream.head();
  await f.cousin.git.run(['commit', '--quiet', '--allow-empty', '-m', 'Earlier sync', '--trailer', `Upstream-Repo: ${f.upstreamName}`, '--trailer', `Upstream-Commit: ${base}`, '--trailer', 'Upstream-Feature: features/a']);
  await f.cousin.git.run(['push', '--quiet', 'origin', 'HEAD:main']);
  return f;
}

describe('conflicts stay visible while a conflict marker remains', () => {
  it('a later clean sync keeps the label and the Conflicts section; resolving the markers clears them', async () => {
    const f = await syncedCousin('markers', lines(6).replace('line 2\n', 'cousin 2\n'));
    await f.upstream.commit({ 'features/a/main.py': lines(6).replace('line 2\n', 'upstream 2\n') }, 'Conflicting change');
    const second = await f.sync(await f.publish());
    expect(second.features[0]!.conflicts.map((c) => c.path)).toEqual(['app/a/main.py']);
    expect(openPull(f)!.labels).toContain('conflict');

    await f.upstream.commit({ 'features/a/other.py': 'other, changed\n' }, 'Clean change elsewhere');
    const third = await f.sync(await f.publish());
    expect(third.features[0]!.conflicts).toEqual([{ path: 'app/a/main.py', reason: 'conflict markers from a sync are still in the file' }]);
    let pull = openPull(f)!;
    expect(pull.labels).toContain('conflict');
    expect(pull.body).toMatch(/### Conflicts \(1\)\n[\s\S]*`app\/a\/main.py`: conflict markers from a sync are still in the file/);

    // A person resolves the markers on the sync branch; the next run (nothing new upstream) clears the flag.
    await f.cousin.git.run(['fetch', '--quiet', 'origin', BRANCH]);
    await f.cousin.git.run(['checkout', '--quiet', '-B', 'resolve', `origin/${BRANCH}`]);
    await f.cousin.commit({ 'app/a/main.py': lines(6).replace('line 2\n', 'both 2\n') }, 'Resolve the conflict');
    await f.cousin.git.run(['push', '--quiet', 'origin', `HEAD:${BRANCH}`]);
    await f.cousin.git.run(['checkout', '--quiet', 'main']);
    const rerun = await f.sync(await f.upstream.head());
    expect(rerun.features[0]).toMatchObject({ status: 'up-to-date' });
    pull = openPull(f)!;
    expect(pull.labels).not.toContain('conflict');
    expect(pull.body).not.toMatch(/### Conflicts/);
  });
});

describe('a sync interrupted after its push is repaired by the next run', () => {
  it('the PR update answered 500: the rerun brings title, body and labels in line, and a second rerun writes nothing', async () => {
    const f = await syncedCousin('repair', lines(6));
    await f.upstream.commit({ 'features/a/main.py': lines(7) }, 'First change');
    await f.sync(await f.publish());
    const sha = await f.upstream.commit({ 'features/a/main.py': lines(8) }, 'Second change');
    await f.publish();
    sim.setFaults({ rate: 1, kinds: [500], method: 'PATCH', path: /\/pulls\/\d+$/ });
    try {
      await expect(f.sync(sha)).rejects.toThrow(/update the sync pull request/);
    } finally {
      sim.setFaults(null);
    }
    expect(openPull(f)!.title).not.toContain(sha.slice(0, 7));

    const rerun = await f.sync(sha);
    expect(rerun.features[0]).toMatchObject({ status: 'up-to-date' });
    expect(rerun.features[0]!.summary).toMatch(/brought pull request #\d+ in line with its branch/);
    const pull = openPull(f)!;
    expect(pull.title).toBe(`Sync features/a from ${f.upstreamName}@${sha.slice(0, 7)}`);
    expect(pull.body).toContain('Second change');

    const writes = sim.requests().length;
    const again = await f.sync(sha);
    expect(again.features[0]!.summary).toMatch(/nothing to do$/);
    expect(sim.requests().slice(writes).filter((r) => r.method !== 'GET')).toEqual([]);
  });
});

describe('two syncs of one feature at once', () => {
  it('the push refused because the branch moved is redone on the new tip; both runs succeed', async () => {
    const f = await syncedCousin('race', lines(6));
    await f.upstream.commit({ 'features/a/main.py': lines(7) }, 'First change');
    await f.sync(await f.publish());
    const older = await f.upstream.commit({ 'features/a/main.py': lines(8) }, 'Second change');
    const newer = await f.upstream.commit({ 'features/a/other.py': 'other, changed\n' }, 'Third change');
    await f.publish();
    // A second checkout of the cousin, as a second workflow run has; a slow PR list lines both runs up.
    const second = join(scratch.dir, 'race-second');
    await f.cousin.git.run(['clone', '--quiet', (await f.cousin.git.output(['remote', 'get-url', 'origin'])).trim(), second]);
    sim.setFaults({ latencyMs: 800, method: 'GET', path: /\/pulls$/ });
    let runs;
    try {
      runs = await Promise.all([f.sync(f.dispatch(older, ['features/a', 'features/b'])), f.sync(f.dispatch(newer, ['features/a']), { repoDir: second })]);
    } finally {
      sim.setFaults(null);
    }
    expect(runs.flatMap((run) => run.log).join('\n')).toMatch(/the push to ecosystem\/sync\/features-a was refused because the branch moved meanwhile; fetching again and redoing the sync \(attempt 2 of 3\)/);
    const tip = (await f.remoteTip(BRANCH))!;
    await f.cousin.git.run(['fetch', '--quiet', 'origin', BRANCH]);
    expect(await f.cousin.git.output(['show', `${tip}:app/a/main.py`])).toBe(lines(8));
    expect(await f.cousin.git.output(['show', `${tip}:app/a/other.py`])).toBe('other, changed\n');
    expect(sim.pulls(f.cousinName).filter((p) => p.state === 'open')).toHaveLength(1);
    expect(openPull(f)!.title).toContain(newer.slice(0, 7));
  });
});

describe('a sync pull request merged while a sync runs', () => {
  it('is not retitled: the new commit gets a new pull request', async () => {
    const f = await syncedCousin('merged', lines(6));
    await f.upstream.commit({ 'features/a/main.py': lines(7) }, 'First change');
    await f.sync(await f.publish());
    const first = openPull(f)!;
    const titled = { title: first.title, body: first.body };
    // A person merges the PR right after this run found it open (a client hook times it; the sim does the merge).
    const octokit = createOctokit({ auth: { kind: 'token', token: f.token, source: 'ECOSYSTEM_TOKEN' }, baseUrl: sim.url, throttle: { secondMs: 1 }, log: { debug() {}, info() {}, warn() {}, error() {} } });
    let merged = false;
    octokit.hook.after('request', async (_response, options) => {
      if (merged || options.method !== 'GET' || options.url !== '/repos/{owner}/{repo}/pulls' || options['state'] !== 'open') return;
      merged = true;
      await f.octokit.rest.pulls.merge({ owner: 'acme', repo: 'merged-cousin', pull_number: first.number, merge_method: 'merge' });
    });

    const sha = await f.upstream.commit({ 'features/a/other.py': 'other, changed\n' }, 'Second change');
    const result = await f.sync(await f.publish(), { cousinOctokit: octokit });
    expect(merged).toBe(true);
    const before = sim.pulls(f.cousinName).find((p) => p.number === first.number)!;
    expect(before.state).toBe('closed');
    expect(before.title).not.toContain(sha.slice(0, 7));
    // The update found it merged: the title and body it had are back.
    expect({ title: before.title, body: before.body }).toEqual(titled);
    const fresh = openPull(f)!;
    expect(fresh.number).not.toBe(first.number);
    expect(fresh.title).toContain(sha.slice(0, 7));
    expect(result.features[0]!.summary).toMatch(new RegExp(`opened pull request #${fresh.number} .*\\(#${first.number} was merged meanwhile\\)`));
  });
});

describe('a sync pull request closed (declined) while a sync runs', () => {
  it('keeps its title, body and labels; the new commit gets a new pull request', async () => {
    const f = await syncedCousin('declined', lines(6));
    await f.upstream.commit({ 'features/a/main.py': lines(7) }, 'First change');
    await f.sync(await f.publish());
    const first = openPull(f)!;
    const kept = { title: first.title, body: first.body, labels: first.labels };
    const octokit = createOctokit({ auth: { kind: 'token', token: f.token, source: 'ECOSYSTEM_TOKEN' }, baseUrl: sim.url, throttle: { secondMs: 1 }, log: { debug() {}, info() {}, warn() {}, error() {} } });
    let closed = false;
    octokit.hook.after('request', async (_response, options) => {
      if (closed || options.method !== 'GET' || options.url !== '/repos/{owner}/{repo}/pulls' || options['state'] !== 'open') return;
      closed = true;
      await f.octokit.rest.pulls.update({ owner: 'acme', repo: 'declined-cousin', pull_number: first.number, state: 'closed' });
    });

    const sha = await f.upstream.commit({ 'features/a/other.py': 'other, changed\n' }, 'Second change');
    const result = await f.sync(await f.publish(), { cousinOctokit: octokit });
    expect(closed).toBe(true);
    const declined = sim.pulls(f.cousinName).find((p) => p.number === first.number)!;
    expect(declined.state).toBe('closed');
    expect({ title: declined.title, body: declined.body, labels: declined.labels }).toEqual(kept);
    const fresh = openPull(f)!;
    expect(fresh.number).not.toBe(first.number);
    expect(fresh.title).toContain(sha.slice(0, 7));
    expect(result.features[0]!.summary).toMatch(new RegExp(`opened pull request #${fresh.number} .*\\(#${first.number} was closed meanwhile\\)`));
  });
});
