import { describe, expect, it } from 'vitest';
import { parseWorkflowDocument } from '../workflow-document.js';
import { workflowRules } from './index.js';
import type { RuleOptions } from './index.js';

function ruleIds(source: string, options: RuleOptions = {}) {
  const workflow = parseWorkflowDocument(source, 'w.yml');
  return workflowRules.flatMap((rule) => rule.check(workflow, options)).map((problem) => problem.rule);
}

const header = 'on: push\npermissions: {}\njobs:\n';

describe('workflow/unpinned-action', () => {
  it.each([
    ['a tag', '      - uses: actions/checkout@v5\n'],
    ['a branch', '      - uses: actions/checkout@main\n'],
    ['a short SHA', '      - uses: actions/checkout@08c6903\n'],
    ['no ref at all', '      - uses: actions/checkout\n'],
    ['an action in a sub-folder by tag', '      - uses: github/codeql-action/init@v3\n'],
    ['a docker tag', '      - uses: docker://alpine:3.20\n'],
  ])('flags %s', (_name, step) => {
    const source = `${header}  a:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    steps:\n${step}`;
    expect(ruleIds(source)).toEqual(['workflow/unpinned-action']);
  });

  it.each([
    ['a full SHA', '      - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0\n'],
    ['a local action', '      - uses: ./.github/actions/setup\n'],
    ['a docker digest', `      - uses: docker://alpine@sha256:${'a'.repeat(64)}\n`],
  ])('accepts %s', (_name, step) => {
    const source = `${header}  a:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    steps:\n${step}`;
    expect(ruleIds(source)).toEqual([]);
  });

  it('flags a reusable workflow of another repository called by tag, not a local one', () => {
    expect(ruleIds(`${header}  a:\n    uses: octo/tools/.github/workflows/x.yml@v1\n  b:\n    uses: ./.github/workflows/x.yml\n`)).toEqual([
      'workflow/unpinned-action',
    ]);
  });

  it('trusted owners and repositories may use tags (case-insensitive, like GitHub names)', () => {
    const source = `${header}  a:\n    uses: Octo/tools/.github/workflows/x.yml@v1\n  b:\n    uses: acme/lib/.github/workflows/y.yml@v2\n`;
    expect(ruleIds(source, { trustedRepositories: ['octo'] })).toEqual(['workflow/unpinned-action']);
    expect(ruleIds(source, { trustedRepositories: ['octo', 'ACME/lib'] })).toEqual([]);
  });
});

describe('workflow/missing-permissions and workflow/broad-permissions', () => {
  const job = 'jobs:\n  a:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    steps:\n      - run: echo\n';

  it('permissions: {} and read scopes are fine', () => {
    expect(ruleIds(`on: push\npermissions: {}\n${job}`)).toEqual([]);
    expect(ruleIds(`on: push\npermissions:\n  contents: read\n${job}`)).toEqual([]);
  });

  it('no top-level permissions at all is an error, even when jobs set their own', () => {
    expect(ruleIds(`on: push\n${job.replace('    steps:', '    permissions: {}\n    steps:')}`)).toEqual(['workflow/missing-permissions']);
  });

  it.each(['write-all', 'read-all'])('top-level %s is a warning', (shorthand) => {
    expect(ruleIds(`on: push\npermissions: ${shorthand}\n${job}`)).toEqual(['workflow/broad-permissions']);
  });

  it('each top-level write scope is a warning', () => {
    expect(ruleIds(`on: push\npermissions:\n  contents: write\n  pull-requests: write\n${job}`)).toEqual([
      'workflow/broad-permissions',
      'workflow/broad-permissions',
    ]);
  });
});

describe('workflow/secrets-inherit-third-party', () => {
  const sha = '0123456789abcdef0123456789abcdef01234567';
  it('inherit into another repository is an error; into a local or trusted workflow it is not', () => {
    const remote = `${header}  a:\n    uses: octo/tools/.github/workflows/x.yml@${sha}\n    secrets: inherit\n`;
    const local = `${header}  a:\n    uses: ./.github/workflows/x.yml\n    secrets: inherit\n`;
    expect(ruleIds(remote)).toEqual(['workflow/secrets-inherit-third-party']);
    expect(ruleIds(local)).toEqual([]);
    expect(ruleIds(remote, { trustedRepositories: ['octo/tools'] })).toEqual([]);
  });

  it('secrets passed by name are fine', () => {
    expect(ruleIds(`${header}  a:\n    uses: octo/tools/.github/workflows/x.yml@${sha}\n    secrets:\n      token: \${{ secrets.T }}\n`)).toEqual([]);
  });
});

describe('workflow/missing-timeout', () => {
  it('only jobs that run steps need one (a reusable call cannot set it)', () => {
    const source = `${header}  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n  b:\n    uses: ./.github/workflows/x.yml\n`;
    expect(ruleIds(source)).toEqual(['workflow/missing-timeout']);
  });
});
