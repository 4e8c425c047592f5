import { describe, expect, it } from 'vitest';
import { evaluateCondition, evaluateValue, splitTemplate } from './expressions.js';
import type { ExpressionContexts } from './expressions.js';

const contexts: ExpressionContexts = {
  github: { event_name: 'push', event: { ref: 'refs/heads/main', commits: [{ id: 'a' }, { id: 'b' }], client_payload: { updated_features: ['x', 'y'] } }, sha: 'abc' },
  env: { CONFIG: 'ecosystem.json' },
  inputs: { 'dry-run': true, count: 3, name: 'web' },
  secrets: { token: 's3cret' },
  vars: {},
  steps: { plan: { outputs: { json: '{"n":1}' }, outcome: 'success', conclusion: 'success' } },
  needs: {},
  runner: { os: 'Linux' },
  job: {},
  matrix: {},
  strategy: {},
};

describe('evaluating values with GitHub’s evaluator', () => {
  it('a value that is one expression keeps its type', () => {
    expect(evaluateValue('${{ inputs.dry-run }}', contexts)).toBe(true);
    expect(evaluateValue('${{ inputs.count }}', contexts)).toBe(3);
    expect(evaluateValue('${{ github.event.client_payload.updated_features }}', contexts)).toEqual(['x', 'y']);
  });

  it('text around expressions makes a string', () => {
    expect(evaluateValue('config=${{ env.CONFIG }} dry=${{ inputs.dry-run }}', contexts)).toBe('config=ecosystem.json dry=true');
  });

  it('maps and lists are evaluated member by member', () => {
    expect(evaluateValue({ a: '${{ github.sha }}', b: ['${{ inputs.name }}', 2] }, contexts)).toEqual({ a: 'abc', b: ['web', 2] });
  });

  it('functions, filters and case-insensitive names work as on GitHub', () => {
    expect(evaluateValue("${{ join(github.event.client_payload.updated_features, ',') }}", contexts)).toBe('x,y');
    expect(evaluateValue('${{ github.event.commits.*.id }}', contexts)).toEqual(['a', 'b']);
    expect(evaluateValue('${{ fromJSON(steps.plan.outputs.json).n }}', contexts)).toBe(1);
    expect(evaluateValue('${{ GITHUB.SHA }}', contexts)).toBe('abc');
    expect(evaluateValue("${{ inputs.missing || 'default' }}", contexts)).toBe('default');
  });

  it('a `}}` inside a string literal does not end the expression', () => {
    expect(splitTemplate("a ${{ format('{0}}}', 'b') }} c").map((part) => part.expression)).toEqual([false, true, false]);
    expect(evaluateValue("a ${{ format('{0}}}', 'b') }} c", contexts)).toBe('a b} c');
  });
});

describe('if: conditions', () => {
  it('without a status function it means success() && (…)', () => {
    expect(evaluateCondition("github.event_name == 'push'", contexts, { failed: false })).toBe(true);
    expect(evaluateCondition("github.event_name == 'push'", contexts, { failed: true })).toBe(false);
    expect(evaluateCondition("${{ github.event_name == 'pull_request' }}", contexts, { failed: false })).toBe(false);
  });

  it('status functions see the job so far', () => {
    expect(evaluateCondition('always()', contexts, { failed: true })).toBe(true);
    expect(evaluateCondition('failure()', contexts, { failed: true })).toBe(true);
    expect(evaluateCondition('failure()', contexts, { failed: false })).toBe(false);
    expect(evaluateCondition("${{ success() && inputs.name == 'web' }}", contexts, { failed: false })).toBe(true);
  });

  it('no condition runs while nothing failed', () => {
    expect(evaluateCondition(undefined, contexts, { failed: false })).toBe(true);
    expect(evaluateCondition(undefined, contexts, { failed: true })).toBe(false);
  });
});
