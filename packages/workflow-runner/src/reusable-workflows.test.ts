import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runWorkflow } from './index.js';
import { useWorkflowFixture } from './test-support/workflow-fixture.js';

const { workflow, options } = useWorkflowFixture();

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

describe('a reusable workflow run directly', () => {
  it('gets its declared defaults and input types', async () => {
    const file = await workflow(
      'direct.yml',
      `on:
  workflow_call:
    inputs:
      config: { type: string, default: ecosystem.json }
      dry-run: { type: boolean, default: false }
jobs:
  a:
    runs-on: x
    steps:
      - id: show
        env: { CONFIG: '\${{ inputs.config }}', DRY: '\${{ inputs.dry-run }}' }
        run: echo "seen=$CONFIG $DRY" >> "$GITHUB_OUTPUT"
`,
    );
    const run = await runWorkflow(file, options({ inputs: { 'dry-run': 'true' } }));
    expect(run.jobs.a?.steps[0]?.outputs).toEqual({ seen: 'ecosystem.json true' });
  });
});
