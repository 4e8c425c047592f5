import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCousinConfig, PROJECT_REPO, validateSubscriptionsFile } from '@ecosystem-dispatcher/core';
import { checkWorkflow, UNPINNED_ACTION } from '@ecosystem-dispatcher/workflow-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkAnswers, DEFAULT_REF, METHODS, type Draft } from './answers.js';
import { renderSubscriptions, renderWorkflow, SECRET_NAMES } from './cousin-files.js';
import { REPO_ROOT } from './test-support/cli.js';

const RELEASE_COMMIT = '0123456789abcdef0123456789abcdef01234567';

function answersFor(overrides: Partial<Draft>) {
  return checkAnswers({
    dir: '/tmp/cousin',
    upstream: 'acme/monorepo',
    subscribe: ['features/webpush/flask:.', 'features/pwa/vanilla:web/pwa'],
    method: undefined,
    labels: 'sync,upstream',
    repo: 'acme/flask-push-app',
    standalone: false,
    ref: undefined,
    ...overrides,
  });
}

type Workflow = { on: Record<string, unknown>; permissions: unknown; jobs: Record<string, Record<string, any>> };

const reusable = parse(readFileSync(path.join(REPO_ROOT, '.github/workflows/cousin-sync.yml'), 'utf8')) as {
  on: { workflow_call: { inputs: Record<string, unknown>; secrets: Record<string, unknown> } };
};

type Variant = { method: (typeof METHODS)[number]; standalone: boolean; ref: string | undefined; schedule: string | undefined };
const variants = METHODS.flatMap((method): Variant[] => [
  { method, standalone: false, ref: RELEASE_COMMIT, schedule: undefined },
  { method, standalone: false, ref: undefined, schedule: undefined },
  { method, standalone: true, ref: undefined, schedule: undefined },
]).concat([
  { method: 'patch', standalone: false, ref: RELEASE_COMMIT, schedule: '17 * * * *' },
  { method: 'patch', standalone: true, ref: undefined, schedule: '0 6 * * MON-FRI' },
]);

describe('every workflow create-cousin can write passes the project workflow check', () => {
  it.each(variants)('method $method, standalone $standalone, ref $ref, schedule $schedule', async ({ method, standalone, ref, schedule }) => {
    const source = renderWorkflow(answersFor({ method, standalone, ref, schedule }), undefined);
    const file = '.github/workflows/sync-upstream.yml';
    if (standalone || ref === RELEASE_COMMIT) {
      expect(await checkWorkflow(source, file)).toEqual([]);
    } else {
      // A release tag is the default; tags can move, so the check wants the project trusted or a commit.
      expect(await checkWorkflow(source, file, { trustedRepositories: [PROJECT_REPO] })).toEqual([]);
      const untrusted = await checkWorkflow(source, file);
      expect(untrusted.map((p) => p.rule)).toEqual([UNPINNED_ACTION]);
    }
  });
});

describe('a release build pins the reusable workflow by the commit of its tag', () => {
  const release = { tag: DEFAULT_REF, commit: RELEASE_COMMIT };

  it('writes the commit with the tag in a comment, and passes the check without trusting anyone', async () => {
    const source = renderWorkflow(answersFor({}), release);
    expect(source).toContain(`uses: ${PROJECT_REPO}/.github/workflows/cousin-sync.yml@${RELEASE_COMMIT} # ${DEFAULT_REF}\n`);
    expect(await checkWorkflow(source, '.github/workflows/sync-upstream.yml')).toEqual([]);
  });

  it('keeps another ref as given', () => {
    expect(renderWorkflow(answersFor({ ref: 'v0.0.1' }), release)).toContain('cousin-sync.yml@v0.0.1\n');
  });
});

describe('the calling workflow', () => {
  const workflow = parse(renderWorkflow(answersFor({ ref: 'v9.8.7' }), undefined)) as Workflow;
  const job = workflow.jobs.sync!;

  it('calls the reusable cousin workflow of the project pinned to the ref', () => {
    expect(job.uses).toBe(`${PROJECT_REPO}/.github/workflows/cousin-sync.yml@v9.8.7`);
  });

  it('defaults to the release of the version being run', () => {
    const byDefault = parse(renderWorkflow(answersFor({}), undefined)) as Workflow;
    const version = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
    expect(byDefault.jobs.sync!.uses).toMatch(new RegExp(`@v${version.replace(/\./g, '\\.')}$`));
  });

  it('passes only inputs and secrets the reusable workflow declares, secrets by name', () => {
    const declared = reusable.on.workflow_call;
    expect(Object.keys(job.with).every((input) => input in declared.inputs)).toBe(true);
    expect(Object.keys(job.secrets).sort()).toEqual(Object.keys(declared.secrets).sort());
    expect(Object.values(job.secrets)).toEqual(Object.values(SECRET_NAMES).map((name) => `\${{ secrets.${name} }}`));
    expect(job.with.config).toBe('subscriptions.json');
  });

  it('listens to feature-update dispatches and to closed pull requests', () => {
    expect(workflow.on).toEqual({ repository_dispatch: { types: ['feature-update'] }, pull_request: { types: ['closed'] } });
  });

  it('grants nothing at the top and only read access to the job', () => {
    expect(workflow.permissions).toEqual({});
    expect(job.permissions).toEqual({ contents: 'read' });
  });

  it('runs one sync at a time per feature, with a group of its own (the called jobs use theirs)', () => {
    expect(job.concurrency.group).toContain('matrix.feature');
    expect(job.with.feature).toBe('${{ matrix.feature }}');
    expect(job.concurrency.group).not.toContain('ecosystem-sync-job-');
    expect(job.concurrency['cancel-in-progress']).toBe(false);
  });
});

describe('--schedule CRON', () => {
  const calling = renderWorkflow(answersFor({ ref: RELEASE_COMMIT, schedule: '17  * * * *' }), undefined);
  const standalone = renderWorkflow(answersFor({ standalone: true, schedule: '17 * * * *' }), undefined);

  it('adds the cron to the triggers, with the runs a month it costs, and nothing without it', () => {
    for (const source of [calling, standalone]) {
      expect((parse(source) as Workflow).on.schedule).toEqual([{ cron: '17 * * * *' }]);
      expect(source).toContain('about 730 runs a month');
    }
    expect((parse(renderWorkflow(answersFor({}), undefined)) as Workflow).on.schedule).toBeUndefined();
  });

  it('calls the reusable workflow in catch-up mode on the schedule event only, an input it declares', () => {
    const job = (parse(calling) as Workflow).jobs.sync!;
    expect(job.if).toContain("github.event_name == 'schedule'");
    expect(job.with['catch-up']).toBe("${{ github.event_name == 'schedule' }}");
    expect(reusable.on.workflow_call.inputs).toHaveProperty('catch-up');
  });

  it('runs ecosystem sync --all on the schedule event in the standalone workflow', () => {
    const steps = (parse(standalone) as Workflow).jobs.sync!.steps as Array<{ name: string; if?: string; run?: string }>;
    expect(steps.find((step) => step.name === 'Catch up with upstream')).toMatchObject({ if: "github.event_name == 'schedule'", run: 'ecosystem sync --config "$CONFIG" --all' });
    expect(steps.find((step) => step.name === 'Sync from upstream')?.if).toBe("github.event_name != 'schedule'");
  });
});

describe('the standalone workflow', () => {
  const source = renderWorkflow(answersFor({ standalone: true, ref: 'v2.3.4' }));
  const workflow = parse(source) as Workflow;

  it('installs the tool at exactly the version of the ref', () => {
    expect((workflow as unknown as { env: Record<string, unknown> }).env.ECOSYSTEM_VERSION).toBe('2.3.4');
    expect(source).toContain('"@ecosystem-dispatcher/cli@$ECOSYSTEM_VERSION"');
  });

  it('pins every action to the same commit as the project\'s own workflows', () => {
    const projectPins = new Set<string>();
    for (const name of readdirSync(path.join(REPO_ROOT, '.github/workflows'))) {
      const text = readFileSync(path.join(REPO_ROOT, '.github/workflows', name), 'utf8');
      for (const match of text.matchAll(/uses: ([\w.-]+\/[\w.-]+@[0-9a-f]{40})/g)) projectPins.add(match[1]!);
    }
    const used = [...source.matchAll(/uses: (\S+)/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(0);
    for (const uses of used) expect(projectPins).toContain(uses);
  });

  it('runs sync and the declined-PR report with a timeout and event data only through env', () => {
    for (const job of Object.values(workflow.jobs)) {
      expect(job['timeout-minutes']).toBeGreaterThan(0);
      for (const step of job.steps as Array<{ run?: string }>) expect(step.run ?? '').not.toContain('${{');
    }
    expect(source).toContain('ecosystem sync --config "$CONFIG" --payload "$GITHUB_EVENT_PATH"');
    expect(source).toContain('ecosystem sync --report-closed --config "$CONFIG" --payload "$GITHUB_EVENT_PATH"');
  });
});

describe('subscriptions.json', () => {
  it.each(METHODS)('validates against the schema and reads back the same answers (%s)', (method) => {
    const text = renderSubscriptions(answersFor({ method }));
    const value = JSON.parse(text);
    expect(validateSubscriptionsFile(value).valid).toBe(true);
    const config = parseCousinConfig(text, 'subscriptions.json');
    expect(config.upstream).toBe('acme/monorepo');
    expect(config.subscriptions).toEqual([
      { path: 'features/webpush/flask', to: '', method },
      { path: 'features/pwa/vanilla', to: 'web/pwa', method },
    ]);
    expect(config.pullRequest.labels).toEqual(['sync', 'upstream']);
    expect(value.$schema).toMatch(/subscriptions\.schema\.json$/);
  });
});
