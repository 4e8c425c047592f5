import { describe, expect, it } from 'vitest';
import { runWorkflow } from './index.js';
import { useWorkflowFixture } from './test-support/workflow-fixture.js';

const { workflow, options } = useWorkflowFixture();

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
