import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWorkflow } from './index.js';
import type { WorkflowRun } from './index.js';
import { createWorld, pushPayload, REPOSITORY_ROOT, workflowFile, writeAndCommit } from './test-support/shipped-workflow-world.js';
import type { World } from './test-support/shipped-workflow-world.js';

const COUSINS = ['acme/flask-push-app', 'acme/react-push-app', 'acme/pwa-starter', 'acme/flask-suite'];

let world: World;
let before: string;
let after: string;
let run: WorkflowRun;
let jobToken: string;

beforeAll(async () => {
  world = await createWorld();
  await world.sim.createRepo('acme/monorepo', { fromDir: path.join(REPOSITORY_ROOT, 'examples/monorepo') });
  for (const cousin of COUSINS) await world.sim.createRepo(cousin);
  const monorepo = await world.clone('acme/monorepo');
  before = (await monorepo.output(['rev-parse', 'HEAD'])).trim();
  await writeAndCommit(monorepo, { 'features/webpush/flask/app/push.py': 'def push():\n    return "v2"\n' }, 'webpush/flask: v2');
  after = await writeAndCommit(monorepo, { 'features/webpush/flask/requirements.txt': 'pywebpush==2.0.0\n' }, 'webpush/flask: bump');
  await monorepo.run(['push', '--quiet', 'origin', 'main']);

  const dispatcher = world.sim.createToken({ login: 'dispatcher', repos: '*', permissions: 'write' });
  // The job's GITHUB_TOKEN: contents: write on the monorepo, to push the outbox ref.
  jobToken = world.sim.createToken({ login: 'github-actions', repos: ['acme/monorepo'], permissions: { contents: 'write' } });
  run = await runWorkflow(
    workflowFile('dispatch-updates.yml'),
    world.runnerOptions({
      event: { name: 'push', payload: pushPayload('acme/monorepo', before, after) },
      github: { repository: 'acme/monorepo', sha: after, ref: 'refs/heads/main' },
      secrets: { ECOSYSTEM_TOKEN: dispatcher, GITHUB_TOKEN: jobToken },
    }),
  );
});

afterAll(async () => {
  await world.close();
});

function failureLog(): string {
  const steps = Object.values(run.jobs).flatMap((job) => [...job.steps, ...Object.values(job.called?.jobs ?? {}).flatMap((called) => called.steps)]);
  return steps.filter((step) => step.conclusion === 'failure').map((step) => `${step.name}: ${step.stderr}${step.stdout}`).join('\n');
}

describe('dispatch-updates.yml → ecosystem-dispatch.yml on a two-commit push to the monorepo', () => {
  it('runs green through the reusable workflow', () => {
    expect(run.result, failureLog()).toBe('success');
    expect(Object.keys(run.jobs.dispatch?.called?.jobs ?? {})).toEqual(['dispatch']);
  });

  it('notifies exactly the cousins subscribed to the changed feature, with the whole push range', () => {
    const flask = world.sim.dispatches('acme/flask-push-app');
    expect(flask).toHaveLength(1);
    expect(flask[0]).toMatchObject({ event_type: 'feature-update' });
    expect(flask[0]?.client_payload).toMatchObject({ commit_sha: after, before_sha: before, updated_feature: 'features/webpush/flask', source_repo: 'acme/monorepo' });
    expect(world.sim.dispatches('acme/flask-suite')).toHaveLength(1);
    expect(world.sim.dispatches('acme/react-push-app')).toEqual([]);
    expect(world.sim.dispatches('acme/pwa-starter')).toEqual([]);
  });

  it("the reusable workflow's outputs list the cousins it reached and none that failed", () => {
    const outputs = run.jobs.dispatch?.outputs ?? {};
    expect(JSON.stringify(JSON.parse(outputs.dispatched ?? 'null'))).toContain('acme/flask-push-app');
    expect(JSON.parse(outputs.failed ?? 'null')).toEqual([]);
  });

  it('writes a summary for the job page', () => {
    expect(run.jobs.dispatch?.summary).toContain('acme/flask-push-app');
  });
});

describe('a push payload carrying shell metacharacters', () => {
  it('goes through ecosystem-dispatch.yml as data: nothing runs, the dispatches still go out', async () => {
    const marker = path.join(world.scratch, 'injected');
    const evil = `$(touch ${marker}) \`touch ${marker}\`; touch ${marker}\ntouch ${marker}`;
    // A new push: the outbox already holds the first one as delivered.
    const monorepo = await world.clone('acme/monorepo');
    const next = await writeAndCommit(monorepo, { 'features/webpush/flask/app/push.py': 'def push():\n    return "v3"\n' }, 'webpush/flask: v3');
    await monorepo.run(['push', '--quiet', 'origin', 'main']);
    const payload = pushPayload('acme/monorepo', after, next);
    const tainted = {
      ...payload,
      head_commit: { id: next, message: evil, author: { name: evil, email: 'x@example.com' } },
      pusher: { name: evil, email: 'x@example.com' },
      compare: evil,
    };
    const flaskBefore = world.sim.dispatches('acme/flask-push-app').length;
    const again = await runWorkflow(
      workflowFile('dispatch-updates.yml'),
      world.runnerOptions({
        event: { name: 'push', payload: tainted },
        github: { repository: 'acme/monorepo', sha: next, ref: 'refs/heads/main' },
        secrets: { ECOSYSTEM_TOKEN: world.sim.createToken({ login: 'dispatcher', repos: '*', permissions: 'write' }), GITHUB_TOKEN: jobToken },
      }),
    );
    expect(again.result).toBe('success');
    expect(world.sim.dispatches('acme/flask-push-app')).toHaveLength(flaskBefore + 1);
    expect(existsSync(marker)).toBe(false);
  });
});

describe('ecosystem-dispatch.yml called with its other inputs and secrets', () => {
  const total = () => COUSINS.reduce((sum, cousin) => sum + world.sim.dispatches(cousin).length, 0);

  it('dry-run: true plans and sends nothing', async () => {
    const sent = total();
    const dry = await runWorkflow(
      workflowFile('ecosystem-dispatch.yml'),
      world.runnerOptions({
        inputs: { 'dry-run': true },
        event: { name: 'push', payload: pushPayload('acme/monorepo', before, after) },
        github: { repository: 'acme/monorepo', sha: after, ref: 'refs/heads/main' },
        secrets: { token: world.sim.createToken({ login: 'dispatcher', repos: '*', permissions: 'write' }) },
      }),
    );
    expect(dry.result, JSON.stringify(dry.jobs.dispatch?.steps.map((step) => step.stderr))).toBe('success');
    expect(dry.jobs.dispatch?.steps.at(-1)?.stdout).toContain('acme/flask-push-app');
    expect(total()).toBe(sent);
  });

  it('only: notifies just the named cousins; a name that is no cousin fails the run', async () => {
    const before_ = Object.fromEntries(COUSINS.map((cousin) => [cousin, world.sim.dispatches(cousin).length]));
    const options = (only: string) =>
      world.runnerOptions({
        inputs: { only, 'state-ref': '' },
        event: { name: 'push', payload: pushPayload('acme/monorepo', before, after) },
        github: { repository: 'acme/monorepo', sha: after, ref: 'refs/heads/main' },
        secrets: { token: world.sim.createToken({ login: 'dispatcher', repos: '*', permissions: 'write' }) },
      });
    const narrowed = await runWorkflow(workflowFile('ecosystem-dispatch.yml'), options('acme/flask-push-app'));
    expect(narrowed.result, JSON.stringify(narrowed.jobs.dispatch?.steps.map((step) => step.stderr))).toBe('success');
    for (const cousin of COUSINS) expect(world.sim.dispatches(cousin)).toHaveLength(before_[cousin]! + (cousin === 'acme/flask-push-app' ? 1 : 0));
    expect(JSON.parse(narrowed.outputs.dispatched ?? 'null')).toEqual(['acme/flask-push-app']);
    expect(JSON.parse(narrowed.outputs.failed ?? 'null')).toEqual([]);
    const typo = await runWorkflow(workflowFile('ecosystem-dispatch.yml'), options('acme/flsk-push-app'));
    expect(typo.result).toBe('failure');
    expect(typo.jobs.dispatch?.steps.at(-1)?.stderr).toContain('did you mean acme/flask-push-app?');
  });

  it('app-id and app-private-key (and api-url over GITHUB_API_URL): installation tokens minted, dispatches delivered', async () => {
    const app = world.sim.createApp({ installations: [{ account: 'acme', repos: '*', permissions: 'write' }] });
    const flask = world.sim.dispatches('acme/flask-push-app').length;
    const viaApp = await runWorkflow(
      workflowFile('ecosystem-dispatch.yml'),
      world.runnerOptions({
        // No outbox: every run sends its own push, as before the outbox existed.
        inputs: { 'api-url': world.sim.url, 'state-ref': '' },
        event: { name: 'push', payload: pushPayload('acme/monorepo', before, after) },
        // Nothing listens there: only the api-url input can lead the command to the sim.
        github: { repository: 'acme/monorepo', sha: after, ref: 'refs/heads/main', api_url: 'http://127.0.0.1:9' },
        secrets: { 'app-id': String(app.appId), 'app-private-key': app.privateKey },
      }),
    );
    expect(viaApp.result, JSON.stringify(viaApp.jobs.dispatch?.steps.map((step) => step.stderr))).toBe('success');
    expect(world.sim.dispatches('acme/flask-push-app')).toHaveLength(flask + 1);
    expect(viaApp.outputs.dispatched).toContain('acme/flask-push-app');
  });
});

describe('ecosystem-dispatch.yml on a schedule drains what a push run left pending', () => {
  it('a push run out of budget leaves a cousin pending; the scheduled run sends it, and only it', async () => {
    const monorepo = await world.clone('acme/monorepo');
    const head = (await monorepo.output(['rev-parse', 'HEAD'])).trim();
    const next = await writeAndCommit(monorepo, { 'features/webpush/flask/app/push.py': 'def push():\n    return "v4"\n' }, 'webpush/flask: v4');
    await monorepo.run(['push', '--quiet', 'origin', 'main']);
    const secrets = { token: world.sim.createToken({ login: 'dispatcher', repos: '*', permissions: 'write' }), GITHUB_TOKEN: jobToken };
    const github = { repository: 'acme/monorepo', sha: next, ref: 'refs/heads/main' };
    const flask = () => world.sim.dispatches('acme/flask-push-app').length + world.sim.dispatches('acme/flask-suite').length;
    const sent = flask();
    // An outbox of its own: the one the runs above used keeps their writes of this hour
    // (the budget's spend is saved there), which would leave nothing of a 1/h budget.
    const stateRef = 'refs/ecosystem/outbox-schedule-test';
    const pushRun = await runWorkflow(workflowFile('ecosystem-dispatch.yml'), world.runnerOptions({ inputs: { 'write-budget': '1/h', 'state-ref': stateRef }, event: { name: 'push', payload: pushPayload('acme/monorepo', head, next) }, github, secrets }));
    expect(pushRun.result, JSON.stringify(pushRun.jobs.dispatch?.steps.map((step) => step.stderr))).toBe('success');
    expect(flask()).toBe(sent + 1);
    expect(JSON.parse(pushRun.outputs.pending ?? '[]')).toHaveLength(1);
    const scheduled = await runWorkflow(workflowFile('ecosystem-dispatch.yml'), world.runnerOptions({ inputs: { 'state-ref': stateRef }, event: { name: 'schedule', payload: { schedule: '23 */6 * * *' } }, github, secrets }));
    expect(scheduled.result, JSON.stringify(scheduled.jobs.dispatch?.steps.map((step) => step.stderr))).toBe('success');
    expect(flask()).toBe(sent + 2);
    expect(JSON.parse(scheduled.outputs.pending ?? '[]')).toEqual([]);
    expect(world.sim.dispatches('acme/flask-suite').at(-1)?.client_payload).toMatchObject({ commit_sha: next });
  });
});

describe('ecosystem-dispatch.yml with the notify-webhook secret', () => {
  it('POSTs the failure summary to the webhook when a cousin could not be notified, and names no URL in the log', async () => {
    const received: Array<{ path: string | undefined; type: string | undefined; body: Record<string, unknown> }> = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8'))).on('end', () => {
        received.push({ path: req.url, type: req.headers['content-type'], body: JSON.parse(body) as Record<string, unknown> });
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/T000/secret-path-part`;
    try {
      // This token reaches only acme/flask-push-app: acme/flask-suite, subscribed too, cannot be notified.
      const narrow = world.sim.createToken({ login: 'dispatcher', repos: ['acme/flask-push-app'], permissions: 'write' });
      const failing = await runWorkflow(
        workflowFile('ecosystem-dispatch.yml'),
        world.runnerOptions({
          inputs: { 'state-ref': '' },
          event: { name: 'push', payload: pushPayload('acme/monorepo', before, after) },
          github: { repository: 'acme/monorepo', sha: after, ref: 'refs/heads/main' },
          secrets: { token: narrow, 'notify-webhook': url },
        }),
      );
      expect(failing.result).toBe('failure');
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({ path: '/hooks/T000/secret-path-part', type: expect.stringContaining('application/json') });
      const summary = received[0]!.body;
      expect(summary.text).toEqual(expect.stringContaining('acme/flask-suite'));
      expect(summary.failed).toEqual([expect.objectContaining({ repo: 'acme/flask-suite', features: ['features/webpush/flask'], reason: expect.any(String) })]);
      expect(summary).toMatchObject({ source_repo: 'acme/monorepo', commit_sha: after, delivered: 1 });
      // The webhook hears of the failures as the workflow's failed output says them.
      const failed = JSON.parse(failing.outputs.failed ?? 'null') as Array<{ repo: string; reason: string }>;
      expect(failed.map((item) => item.repo)).toEqual(['acme/flask-suite']);
      expect((summary.failed as Array<{ reason: string }>)[0]!.reason).toBe(failed[0]!.reason);
      const log = Object.values(failing.jobs).flatMap((job) => job.steps.map((step) => `${step.stdout}${step.stderr}`)).join('\n');
      expect(log).toContain('posted the failure summary to the webhook');
      // The URL is a secret (Slack keeps the credential in its path): the command masks it
      // (::add-mask::, which GitHub hides along with every value it then replaces by ***) and prints it nowhere else.
      expect(log).toContain(`::add-mask::${url}`);
      expect(log.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n')).not.toContain('secret-path-part');
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });

  it('posts nothing when every cousin was notified', async () => {
    let posts = 0;
    const receiver = createServer((_req, res) => {
      posts++;
      res.end('ok');
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const green = await runWorkflow(
        workflowFile('ecosystem-dispatch.yml'),
        world.runnerOptions({
          inputs: { 'state-ref': '' },
          event: { name: 'push', payload: pushPayload('acme/monorepo', before, after) },
          github: { repository: 'acme/monorepo', sha: after, ref: 'refs/heads/main' },
          secrets: { token: world.sim.createToken({ login: 'dispatcher', repos: '*', permissions: 'write' }), 'notify-webhook': `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook` },
        }),
      );
      expect(green.result, JSON.stringify(green.jobs.dispatch?.steps.map((step) => step.stderr))).toBe('success');
      expect(posts).toBe(0);
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});
