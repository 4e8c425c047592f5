import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runWorkflow } from './index.js';
import { useWorkflowFixture } from './test-support/workflow-fixture.js';

const { workflow, options, root } = useWorkflowFixture();

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
    const marker = path.join(root(), 'pwned');
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
    const marker = path.join(root(), 'pwned');
    const file = await workflow(
      'unsafe.yml',
      'on: repository_dispatch\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: echo "${{ github.event.client_payload.updated_feature }}"\n',
    );
    await runWorkflow(file, options({ event: { name: 'repository_dispatch', payload: { client_payload: { updated_feature: `$(touch ${marker})` } } } }));
    expect(existsSync(marker)).toBe(true);
  });
});
