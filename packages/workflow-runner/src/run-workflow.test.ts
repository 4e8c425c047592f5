import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runWorkflow } from './index.js';
import type { RunnerOptions } from './index.js';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'runner-test-'));
  await mkdir(path.join(root, '.github', 'workflows'), { recursive: true });
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function workflow(name: string, text: string): Promise<string> {
  const file = path.join(root, '.github', 'workflows', name);
  await writeFile(file, text);
  return file;
}

function options(extra: Partial<RunnerOptions> = {}): RunnerOptions {
  return { repositoryRoot: root, event: { name: 'push', payload: { ref: 'refs/heads/main', after: 'f'.repeat(40) } }, ...extra };
}

describe('run: steps', () => {
  it('run in bash with workflow, job and step env merged, the narrowest winning', async () => {
    const file = await workflow(
      'env.yml',
      `on: push
env: { LEVEL: workflow, FROM_WORKFLOW: w }
jobs:
  a:
    runs-on: ubuntu-latest
    env: { LEVEL: job, FROM_JOB: j }
    steps:
      - id: show
        env: { LEVEL: step }
        run: echo "level=$LEVEL $FROM_WORKFLOW $FROM_JOB $GITHUB_EVENT_NAME" >> "$GITHUB_OUTPUT"
`,
    );
    const run = await runWorkflow(file, options());
    expect(run.jobs.a?.steps[0]?.outputs).toEqual({ level: 'step w j push' });
  });

  it('GITHUB_EVENT_PATH holds the payload and GITHUB_WORKSPACE is the working directory', async () => {
    const file = await workflow(
      'event.yml',
      `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - id: read
        run: |
          echo "after=$(node -e 'console.log(require(process.env.GITHUB_EVENT_PATH).after)')" >> "$GITHUB_OUTPUT"
          echo "cwd=$([ "$PWD" = "$GITHUB_WORKSPACE" ] && echo workspace)" >> "$GITHUB_OUTPUT"
`,
    );
    const run = await runWorkflow(file, options());
    expect(run.jobs.a?.steps[0]?.outputs).toEqual({ after: 'f'.repeat(40), cwd: 'workspace' });
  });

  it('GITHUB_ENV and GITHUB_PATH reach later steps; the step summary is collected', async () => {
    const file = await workflow(
      'files.yml',
      `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: |
          mkdir -p "$RUNNER_TEMP/bin" && printf '#!/bin/sh\\necho tool-ran\\n' > "$RUNNER_TEMP/bin/mytool" && chmod +x "$RUNNER_TEMP/bin/mytool"
          echo "$RUNNER_TEMP/bin" >> "$GITHUB_PATH"
          { echo 'NOTE<<END'; echo 'two'; echo 'lines'; echo 'END'; } >> "$GITHUB_ENV"
          echo '### done' >> "$GITHUB_STEP_SUMMARY"
      - id: later
        run: |
          echo "tool=$(mytool)" >> "$GITHUB_OUTPUT"
          echo "note=\${NOTE//$'\\n'/+}" >> "$GITHUB_OUTPUT"
`,
    );
    const run = await runWorkflow(file, options());
    expect(run.jobs.a?.steps[1]?.outputs).toEqual({ tool: 'tool-ran', note: 'two+lines' });
    expect(run.jobs.a?.summary).toBe('### done\n');
  });

  it('a failing step fails the job, skips the next steps except if: always() / failure()', async () => {
    const file = await workflow(
      'fail.yml',
      `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: 'false'
      - run: echo never
      - if: failure()
        run: echo cleanup
      - if: always()
        run: echo always
`,
    );
    const run = await runWorkflow(file, options());
    expect(run.result).toBe('failure');
    expect(run.jobs.a?.steps.map((step) => step.conclusion)).toEqual(['failure', 'skipped', 'success', 'success']);
  });

  it('pipefail: a failure early in a pipe fails the step', async () => {
    const file = await workflow('pipe.yml', 'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: false | cat\n');
    expect((await runWorkflow(file, options())).result).toBe('failure');
  });

  it('continue-on-error keeps the job green but the outcome says failure', async () => {
    const file = await workflow(
      'coe.yml',
      'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - id: try\n        continue-on-error: true\n        run: exit 3\n      - id: next\n        run: echo "saw=${{ steps.try.outcome }}/${{ steps.try.conclusion }}" >> "$GITHUB_OUTPUT"\n',
    );
    const run = await runWorkflow(file, options());
    expect(run.result).toBe('success');
    expect(run.jobs.a?.steps[1]?.outputs).toEqual({ saw: 'failure/success' });
  });
});

describe('if:, outputs and needs', () => {
  it('step and job conditions read the event; job outputs flow through needs', async () => {
    const file = await workflow(
      'flow.yml',
      `on: push
jobs:
  plan:
    runs-on: x
    outputs:
      count: \${{ steps.count.outputs.n }}
    steps:
      - id: count
        run: echo n=2 >> "$GITHUB_OUTPUT"
      - if: github.event.ref != 'refs/heads/main'
        run: exit 1
  use:
    needs: plan
    if: needs.plan.outputs.count == '2'
    runs-on: x
    steps:
      - id: echo
        env:
          COUNT: \${{ needs.plan.outputs.count }}
        run: echo "got=$COUNT" >> "$GITHUB_OUTPUT"
  never:
    needs: plan
    if: github.event_name == 'pull_request'
    runs-on: x
    steps:
      - run: exit 1
`,
    );
    const run = await runWorkflow(file, options());
    expect(run.jobs.plan?.steps.map((step) => step.conclusion)).toEqual(['success', 'skipped']);
    expect(run.jobs.use?.steps[0]?.outputs).toEqual({ got: '2' });
    expect(run.jobs.never?.result).toBe('skipped');
    expect(run.result).toBe('success');
  });
});

describe('job conditions and the results of needed jobs', () => {
  it('a failed need skips dependents unless they ask for failure() or always(); a skipped need is not a failure', async () => {
    const file = await workflow(
      'needs.yml',
      `on: push
jobs:
  broken:
    runs-on: x
    steps:
      - run: exit 1
  skipped:
    if: github.event_name == 'pull_request'
    runs-on: x
    steps:
      - run: echo
  after-broken:
    needs: broken
    runs-on: x
    steps:
      - run: echo
  on-failure:
    needs: broken
    if: failure()
    runs-on: x
    steps:
      - run: echo
  after-skipped:
    needs: skipped
    runs-on: x
    steps:
      - run: echo
  failure-after-skipped:
    needs: skipped
    if: failure()
    runs-on: x
    steps:
      - run: echo
  always-after-skipped:
    needs: skipped
    if: always()
    runs-on: x
    steps:
      - run: echo
`,
    );
    const run = await runWorkflow(file, options());
    const results = Object.fromEntries(Object.entries(run.jobs).map(([id, job]) => [id, job.result]));
    expect(results).toEqual({
      broken: 'failure',
      skipped: 'skipped',
      'after-broken': 'skipped',
      'on-failure': 'success',
      'after-skipped': 'skipped',
      'failure-after-skipped': 'skipped',
      'always-after-skipped': 'success',
    });
  });
});

describe('reusable workflows', () => {
  it('a ./ call gets typed inputs with defaults and secrets by name; its outputs come back', async () => {
    await workflow(
      'reusable.yml',
      `on:
  workflow_call:
    inputs:
      name: { type: string, required: true }
      loud: { type: boolean, default: false }
      times: { type: number, default: 2 }
    secrets:
      token: { required: true }
    outputs:
      greeting: { value: '\${{ jobs.greet.outputs.text }}' }
env:
  OWN_VERSION: 1.2.3
jobs:
  greet:
    runs-on: x
    outputs:
      text: \${{ steps.say.outputs.text }}
    steps:
      - id: say
        env:
          NAME: \${{ inputs.name }}
          LOUD: \${{ inputs.loud }}
          TIMES: \${{ inputs.times }}
          TOKEN: \${{ secrets.token }}
        run: echo "text=$NAME loud=$LOUD times=$TIMES token=\${#TOKEN} version=$OWN_VERSION caller=\${CALLER_ENV:-unset}" >> "$GITHUB_OUTPUT"
`,
    );
    const caller = await workflow(
      'caller.yml',
      `on: push
env: { CALLER_ENV: leaks }
jobs:
  call:
    uses: ./.github/workflows/reusable.yml
    with:
      name: \${{ github.event.ref }}
      loud: true
    secrets:
      token: \${{ secrets.MY_TOKEN }}
  after:
    needs: call
    runs-on: x
    steps:
      - id: got
        env: { G: '\${{ needs.call.outputs.greeting }}' }
        run: echo "g=$G" >> "$GITHUB_OUTPUT"
`,
    );
    const run = await runWorkflow(caller, options({ secrets: { MY_TOKEN: 'abcd' } }));
    expect(run.jobs.call?.outputs).toEqual({ greeting: 'refs/heads/main loud=true times=2 token=4 version=1.2.3 caller=unset' });
    expect(run.jobs.after?.steps[0]?.outputs.g).toBe(run.jobs.call?.outputs.greeting);
  });

  it('owner/repo/...@ref calls are read from a configured folder; unknown inputs are refused', async () => {
    const other = await mkdtemp(path.join(os.tmpdir(), 'runner-other-'));
    try {
      await mkdir(path.join(other, '.github', 'workflows'), { recursive: true });
      await writeFile(path.join(other, '.github', 'workflows', 'x.yml'), 'on:\n  workflow_call:\n    inputs:\n      a: { type: string }\njobs:\n  j:\n    runs-on: x\n    steps:\n      - run: "true"\n');
      const good = await workflow('good.yml', `on: push\njobs:\n  c:\n    uses: Octo/Tools/.github/workflows/x.yml@${'1'.repeat(40)}\n    with: { a: b }\n`);
      const run = await runWorkflow(good, options({ workflowRepositories: { 'octo/tools': other } }));
      expect(run.jobs.c?.called?.jobs.j?.result).toBe('success');
      const bad = await workflow('bad.yml', `on: push\njobs:\n  c:\n    uses: octo/tools/.github/workflows/x.yml@v1\n    with: { nope: b }\n`);
      await expect(runWorkflow(bad, options({ workflowRepositories: { 'octo/tools': other } }))).rejects.toThrow(/has no input "nope"/);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});

describe('uses: steps through the actions map', () => {
  it('a stand-in gets its with: evaluated and can set outputs, PATH and env', async () => {
    const file = await workflow(
      'actions.yml',
      `on: push
jobs:
  a:
    runs-on: x
    steps:
      - id: token
        uses: actions/create-github-app-token@${'a'.repeat(40)} # v2
        with: { app-id: '\${{ secrets.APP_ID }}' }
      - id: install
        run: exit 1
      - id: use
        env: { T: '\${{ steps.token.outputs.token }}' }
        run: echo "t=$T v=$INSTALLED" >> "$GITHUB_OUTPUT"
`,
    );
    const seen: Record<string, string>[] = [];
    const run = await runWorkflow(
      file,
      options({
        secrets: { APP_ID: '42' },
        actions: {
          'actions/create-github-app-token': async (step) => {
            seen.push(step.inputs);
            step.setOutput('token', 'minted');
          },
        },
        replaceSteps: { install: async (step) => step.exportVariable('INSTALLED', 'yes') },
      }),
    );
    expect(seen).toEqual([{ 'app-id': '42' }]);
    expect(run.jobs.a?.steps[2]?.outputs).toEqual({ t: 'minted v=yes' });
  });

  it('an action without a stand-in is a configuration error that names it', async () => {
    const file = await workflow('missing.yml', 'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: someone/thing@v1\n');
    await expect(runWorkflow(file, options())).rejects.toThrow(/no local equivalent for "uses: someone\/thing@v1"/);
  });
});

describe('event data stays data', () => {
  it('a payload with shell metacharacters passed through env: runs nothing', async () => {
    const marker = path.join(root, 'pwned');
    const file = await workflow(
      'inject.yml',
      `on: repository_dispatch
jobs:
  a:
    runs-on: x
    steps:
      - id: echo
        env:
          FEATURE: \${{ github.event.client_payload.updated_feature }}
        run: printf 'feature=%s\\n' "$FEATURE" | tr '\\n' ' ' >> "$GITHUB_OUTPUT"
`,
    );
    const evil = `x$(touch ${marker})\`touch ${marker}\`; touch ${marker}\ntouch ${marker}`;
    const run = await runWorkflow(file, options({ event: { name: 'repository_dispatch', payload: { client_payload: { updated_feature: evil } } } }));
    expect(run.result).toBe('success');
    expect(run.jobs.a?.steps[0]?.outputs.feature).toBe(`${evil.replace('\n', ' ')} `);
    expect(existsSync(marker)).toBe(false);
  });

  it('the same payload pasted into run: with ${{ }} does execute — as on GitHub, which is why the check forbids it', async () => {
    const marker = path.join(root, 'pwned');
    const file = await workflow(
      'unsafe.yml',
      'on: repository_dispatch\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: echo "${{ github.event.client_payload.updated_feature }}"\n',
    );
    await runWorkflow(file, options({ event: { name: 'repository_dispatch', payload: { client_payload: { updated_feature: `$(touch ${marker})` } } } }));
    expect(existsSync(marker)).toBe(true);
  });
});
