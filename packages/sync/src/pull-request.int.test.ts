import { describe, expect, it } from 'vitest';
import { RejectedPayload } from '@ecosystem-dispatcher/core';
import type { Sim } from '@ecosystem-dispatcher/github-sim';
import { reportClosedPull } from './report-closed.js';
import { parseCousinConfig } from '@ecosystem-dispatcher/core';
import { type Scratch, numberedLines as lines } from './test-support/repos.js';
import { useSimAndScratch } from './test-support/sim-lifecycle.js';
import { simFixture } from './test-support/sim-fixture.js';

let sim: Sim;
let scratch: Scratch;
useSimAndScratch((started, folder) => {
  sim = started;
  scratch = folder;
});

const BRANCH = 'ecosystem/sync/features-a';
const config = { subscriptions: { 'features/a': 'app/a' }, pullRequest: { labels: ['team-web'], reviewers: ['reviewer-1'], draftOnConflict: true } };

describe('one pull request per feature', () => {
  it('is opened with labels, reviewers, commit links and files; a rerun changes nothing', async () => {
    const f = await simFixture(sim, scratch, 'open', { 'features/a/main.py': lines(3), 'features/b/x': 'b\n' }, {}, config, { collaborators: ['reviewer-1'] });
    const sha = await f.upstream.head();
    const result = await f.sync(sha);
    expect(result.features[0]).toMatchObject({ status: 'proposed', firstSync: true });
    const pulls = sim.pulls(f.cousinName);
    expect(pulls).toHaveLength(1);
    const pull = pulls[0]!;
    expect(pull).toMatchObject({ head: BRANCH, base: 'main', state: 'open', title: `Sync features/a from ${f.upstreamName}@${sha.slice(0, 7)}` });
    expect(pull.labels.sort()).toEqual(['automated', 'team-web', 'upstream-sync']);
    expect(pull.requestedReviewers).toEqual(['reviewer-1']);
    expect(pull.body).toContain(`/${f.upstreamName}/commit/${sha})`);
    expect(pull.body).toContain('- A `app/a/main.py`');
    expect(pull.body).toMatch(/First sync/);
    const tip = await f.remoteTip(BRANCH);

    const again = await f.sync(sha);
    expect(again.features[0]).toMatchObject({ status: 'up-to-date' });
    expect(sim.pulls(f.cousinName)).toHaveLength(1);
    expect(await f.remoteTip(BRANCH)).toBe(tip);
  });

  it("is updated in place: a new commit on top, the human's commit on the branch kept", async () => {
    const f = await simFixture(sim, scratch, 'update', { 'features/a/main.py': lines(10) }, {}, config);
    await f.sync(await f.upstream.head());
    // A person pushes a fix to the sync branch.
    await f.cousin.git.run(['fetch', '--quiet', 'origin', BRANCH]);
    await f.cousin.git.run(['checkout', '--quiet', '-b', 'fix', 'FETCH_HEAD']);
    const human = await f.cousin.commit({ 'app/a/main.py': lines(10).replace('line 1\n', 'line 1 human\n') }, 'Human fix');
    await f.cousin.git.run(['push', '--quiet', 'origin', `HEAD:${BRANCH}`]);
    await f.cousin.git.run(['checkout', '--quiet', 'main']);

    await f.upstream.commit({ 'features/a/main.py': lines(10).replace('line 10\n', 'line 10 upstream\n') }, 'Upstream change');
    const sha = await f.publish();
    const result = await f.sync(sha);
    expect(result.features[0]).toMatchObject({ status: 'proposed' });
    const tip = (await f.remoteTip(BRANCH))!;
    await f.cousin.git.run(['fetch', '--quiet', 'origin', BRANCH]);
    expect(await f.cousin.git.isAncestor(human, tip)).toBe(true);
    const text = await f.cousin.git.output(['show', `${tip}:app/a/main.py`]);
    expect(text).toContain('line 1 human\n');
    expect(text).toContain('line 10 upstream\n');
    const pulls = sim.pulls(f.cousinName);
    expect(pulls).toHaveLength(1);
    expect(pulls[0]!.title).toContain(sha.slice(0, 7));
    expect(pulls[0]!.body).toContain('Upstream change');
  });

  it('with a conflict is labelled conflict, opened as draft, and lists the file', async () => {
    const f = await simFixture(sim, scratch, 'conflict', { 'features/a/main.py': lines(4) }, { 'app/a/main.py': lines(4).replace('line 2\n', 'cousin 2\n') }, config);
    const base = await f.upstream.head();
    await f.cousin.commit({ 'app/a/main.py': lines(4).replace('line 2\n', 'cousin 2\n') });
    // The cousin already synced `base` once (its main carries the trailers), then edited line 2.
    await f.cousin.git.run(['commit', '--quiet', '--allow-empty', '-m', 'Earlier sync', '--trailer', `Upstream-Repo: ${f.upstreamName}`, '--trailer', `Upstream-Commit: ${base}`, '--trailer', 'Upstream-Feature: features/a']);
    await f.cousin.git.run(['push', '--quiet', 'origin', 'HEAD:main']);
    await f.upstream.commit({ 'features/a/main.py': lines(4).replace('line 2\n', 'upstream 2\n') });
    const result = await f.sync(await f.publish());
    expect(result.features[0]!.conflicts.map((c) => c.path)).toEqual(['app/a/main.py']);
    const pull = sim.pulls(f.cousinName)[0]!;
    expect(pull.labels).toContain('conflict');
    const { data } = await f.octokit.rest.pulls.get({ owner: 'acme', repo: 'conflict-cousin', pull_number: pull.number });
    expect(data.draft).toBe(true);
    expect(pull.body).toMatch(/### Conflicts \(1\)\n[\s\S]*`app\/a\/main.py`: changed on both sides/);
  });

  it('that no longer changes anything is closed with a comment', async () => {
    const f = await simFixture(sim, scratch, 'empty', { 'features/a/main.py': lines(3) }, { 'app/a/main.py': lines(3) }, config);
    const base = await f.upstream.head();
    await f.cousin.git.run(['commit', '--quiet', '--allow-empty', '-m', 'Earlier sync', '--trailer', `Upstream-Repo: ${f.upstreamName}`, '--trailer', `Upstream-Commit: ${base}`, '--trailer', 'Upstream-Feature: features/a']);
    await f.cousin.git.run(['push', '--quiet', 'origin', 'HEAD:main']);
    await f.upstream.commit({ 'features/a/main.py': lines(4) }, 'Add a line');
    const opened = await f.sync(await f.publish());
    expect(opened.features[0]).toMatchObject({ status: 'proposed', pullOperation: 'created' });
    expect(sim.pulls(f.cousinName)[0]!.state).toBe('open');
    await f.upstream.commit({ 'features/a/main.py': lines(5) }, 'Add another line');
    const updated = await f.sync(await f.publish());
    expect(updated.features[0]).toMatchObject({ status: 'proposed', pullOperation: 'updated', pull: { number: opened.features[0]!.pull!.number } });
    await f.upstream.commit({ 'features/a/main.py': lines(3) }, 'Revert: add two lines');
    const result = await f.sync(await f.publish());
    expect(result.features[0]).toMatchObject({ status: 'closed-empty', pullOperation: 'closed', pull: { number: opened.features[0]!.pull!.number } });
    const pull = sim.pulls(f.cousinName)[0]!;
    expect(pull.state).toBe('closed');
    expect(pull.comments.at(-1)!.body).toMatch(/no longer differs from `main`/);
  });
});

describe('failures reach the monorepo as one issue per cousin and feature', () => {
  it('opens the issue once, then comments on it; nothing is pushed', async () => {
    const f = await simFixture(sim, scratch, 'fail', { 'features/a/main.py': 'x\n' }, {}, config);
    const missing = 'e'.repeat(40);
    for (let i = 0; i < 2; i++) await expect(f.sync(missing)).rejects.toBeInstanceOf(RejectedPayload);
    const issues = sim.issues(f.upstreamName);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.labels).toEqual(['upstream-issue']);
    expect(issues[0]!.body).toContain(`<!-- ecosystem-sync:${f.cousinName}:features/a -->`);
    expect(issues[0]!.body).toContain('does not exist in the upstream repository');
    expect(issues[0]!.body).toContain('actions/runs/7');
    expect(issues[0]!.comments).toHaveLength(1);
    expect(sim.pulls(f.cousinName)).toHaveLength(0);
    expect(await f.remoteTip(BRANCH)).toBeUndefined();
  });

  it('is answered and closed by the next successful sync of that feature', async () => {
    const f = await simFixture(sim, scratch, 'recover', { 'features/a/main.py': 'x\n' }, {}, config);
    await expect(f.sync('e'.repeat(40))).rejects.toBeInstanceOf(RejectedPayload);
    expect(sim.issues(f.upstreamName)[0]!.state).toBe('open');
    const result = await f.sync(await f.upstream.head());
    expect(result.features[0]).toMatchObject({ status: 'proposed' });
    const [issue] = sim.issues(f.upstreamName);
    expect(issue!.state).toBe('closed');
    expect(issue!.comments.at(-1)!.body).toContain(`${f.cousinName} synced \`features/a\``);
    expect(result.log).toContain(`closed upstream issue #${issue!.number}: the sync succeeded`);
  });

  it("is left open when another feature's sync succeeds", async () => {
    const f = await simFixture(sim, scratch, 'other', { 'features/a/main.py': 'x\n', 'features/b/main.py': 'y\n' }, {}, {
      subscriptions: { 'features/a': 'app/a', 'features/b': 'app/b' },
    });
    await expect(f.sync(f.dispatch('e'.repeat(40), ['features/a']))).rejects.toBeInstanceOf(RejectedPayload);
    await f.sync(f.dispatch(await f.upstream.head(), ['features/b']));
    expect(sim.issues(f.upstreamName).map((i) => i.state)).toEqual(['open']);
  });

  it('is skipped with notify off', async () => {
    const f = await simFixture(sim, scratch, 'quiet', { 'features/a/main.py': 'x\n' }, {}, config);
    await expect(f.sync('e'.repeat(40), { notify: false })).rejects.toBeInstanceOf(RejectedPayload);
    expect(sim.issues(f.upstreamName)).toHaveLength(0);
  });
});

describe('a sync pull request closed without merging', () => {
  it('is reported upstream, and the next sync proposes the change again, saying so', async () => {
    const f = await simFixture(sim, scratch, 'declined', { 'features/a/main.py': lines(3) }, {}, config);
    await f.sync(await f.upstream.head());
    const pull = sim.pulls(f.cousinName)[0]!;
    await f.octokit.rest.pulls.update({ owner: 'acme', repo: 'declined-cousin', pull_number: pull.number, state: 'closed' });
    const event = { action: 'closed', pull_request: { number: pull.number, html_url: 'http://x/pull/1', merged: false, head: { ref: BRANCH } }, sender: { login: 'maintainer' } };
    const cousinConfig = parseCousinConfig(JSON.stringify({ upstream: f.upstreamName, ...config }), 'subscriptions.json');
    const report = await reportClosedPull({ config: cousinConfig, event, cousin: f.cousinName, upstreamOctokit: f.octokit, runUrl: undefined });
    expect(report.feature).toBe('features/a');
    const issues = sim.issues(f.upstreamName);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.body).toMatch(/closed without merging by @maintainer/);

    await f.upstream.commit({ 'features/a/main.py': lines(4) });
    await f.sync(await f.publish());
    const pulls = sim.pulls(f.cousinName);
    expect(pulls).toHaveLength(2);
    const next = pulls.find((p) => p.state === 'open')!;
    expect(next.body).toContain(`previous sync pull request (#${pull.number}) was closed without merging`);
    expect(next.body).toMatch(/First sync/);
    expect(sim.issues(f.upstreamName)[0]!.state).toBe('closed');
  });
});
