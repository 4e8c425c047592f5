import { describe, expect, it } from 'vitest';
import { parseWorkflowDocument } from '../workflow-document.js';
import { expressionInRun } from './expression-in-run.js';

function findings(run: string) {
  const source = ['on: push', 'jobs:', '  a:', '    runs-on: ubuntu-latest', '    steps:', `      - run: ${run}`, ''].join('\n');
  return expressionInRun.check(parseWorkflowDocument(source, 'w.yml'), {});
}

describe('workflow/expression-in-run flags caller-controlled text pasted into run:', () => {
  it.each([
    'echo ${{ github.event.issue.title }}',
    'echo ${{ github.event.client_payload.updated_feature }}',
    "echo ${{ github.event.client_payload['commit_sha'] }}",
    "echo ${{ github['event'].pull_request.body }}",
    'echo ${{ inputs.config }}',
    'echo ${{ github.head_ref }}',
    'echo ${{ steps.plan.outputs.json }}',
    'echo ${{ needs.plan.outputs.json }}',
    'echo ${{ toJSON(github) }}',
    "echo ${{ github[format('{0}', 'event')] }}",
    'echo ${{ format(\'{0}\', github.event.comment.body) }}',
    "echo ${{ github.sha == 'x' && inputs.name || 'default' }}",
    'echo ${{ GITHUB.EVENT.ISSUE.TITLE }}',
  ])('%s', (run) => {
    expect(findings(run).map((problem) => problem.rule)).toEqual(['workflow/expression-in-run']);
  });
});

describe('workflow/expression-in-run leaves values the caller cannot choose alone', () => {
  it.each([
    'echo ${{ github.sha }} ${{ github.repository }} ${{ github.event_name }} ${{ github.run_id }}',
    'echo ${{ env.CONFIG }} ${{ vars.NAME }} ${{ matrix.node }} ${{ runner.temp }}',
    'echo "${{ secrets.TOKEN }}"',
    'echo ${{ steps.plan.outcome }} ${{ needs.plan.result }}',
    "echo '${{ 'github.event.issue.title' }}'",
    'echo "$TITLE"',
  ])('%s', (run) => {
    expect(findings(run)).toEqual([]);
  });
});

describe('positions', () => {
  it('each expression is reported where it starts in the file, also in a block scalar', () => {
    const source = [
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: |',
      '          echo ${{ github.sha }}',
      '            echo "${{ inputs.a }}" and ${{ inputs.b }}',
      '',
    ].join('\n');
    const problems = expressionInRun.check(parseWorkflowDocument(source, 'w.yml'), {});
    expect(problems.map(({ line, column, endColumn }) => ({ line, column, endColumn }))).toEqual([
      { line: 8, column: 19, endColumn: 19 + '${{ inputs.a }}'.length },
      { line: 8, column: 40, endColumn: 40 + '${{ inputs.b }}'.length },
    ]);
  });

  it('a `}}` inside a string literal does not end the expression', () => {
    const [problem] = findings("echo ${{ format('}}{0}', github.event.issue.title) }}");
    expect(problem?.endColumn).toBe(problem!.column + "${{ format('}}{0}', github.event.issue.title) }}".length);
  });
});
