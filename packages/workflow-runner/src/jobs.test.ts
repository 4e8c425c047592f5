import { describe, expect, it } from 'vitest';
import { runWorkflow } from './index.js';
import { useWorkflowFixture } from './test-support/workflow-fixture.js';

const { workflow, options } = useWorkflowFixture();

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
