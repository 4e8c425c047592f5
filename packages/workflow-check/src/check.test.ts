import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkWorkflow, checkWorkflowDir } from './index.js';

const examples = fileURLToPath(new URL('../../../examples/workflows/', import.meta.url));

async function checkExample(relative: string) {
  const file = path.join(examples, relative);
  return checkWorkflow(await readFile(file, 'utf8'), file);
}

function positions(problems: Awaited<ReturnType<typeof checkWorkflow>>) {
  return problems.map(({ rule, severity, line, column }) => ({ rule, severity, line, column }));
}

describe('good example workflows', () => {
  it('have no findings at all', async () => {
    const names = (await readdir(path.join(examples, 'good'))).filter((name) => name.endsWith('.yml'));
    expect(names.length).toBeGreaterThanOrEqual(3);
    for (const name of names) expect(await checkExample(`good/${name}`), name).toEqual([]);
  });
});

describe('each bad example breaks exactly its own rule, at the offending spot', () => {
  it('workflow/expression-in-run: event data and head_ref inside run:, not github.sha', async () => {
    expect(positions(await checkExample('bad/expression-in-run.yml'))).toEqual([
      { rule: 'workflow/expression-in-run', severity: 'error', line: 10, column: 29 },
      { rule: 'workflow/expression-in-run', severity: 'error', line: 13, column: 25 },
    ]);
  });

  it('workflow/unpinned-action: a tag and a docker tag, not the SHA-pinned action', async () => {
    expect(positions(await checkExample('bad/unpinned-action.yml'))).toEqual([
      { rule: 'workflow/unpinned-action', severity: 'error', line: 10, column: 15 },
      { rule: 'workflow/unpinned-action', severity: 'error', line: 12, column: 15 },
    ]);
  });

  it('workflow/missing-permissions: reported on the first top-level key', async () => {
    expect(positions(await checkExample('bad/missing-permissions.yml'))).toEqual([
      { rule: 'workflow/missing-permissions', severity: 'error', line: 1, column: 1 },
    ]);
  });

  it('workflow/broad-permissions: a top-level write scope and a job with write-all', async () => {
    expect(positions(await checkExample('bad/broad-permissions.yml'))).toEqual([
      { rule: 'workflow/broad-permissions', severity: 'warning', line: 3, column: 3 },
      { rule: 'workflow/broad-permissions', severity: 'warning', line: 9, column: 18 },
    ]);
  });

  it('workflow/secrets-inherit-third-party: on the inherit value', async () => {
    expect(positions(await checkExample('bad/secrets-inherit-third-party.yml'))).toEqual([
      { rule: 'workflow/secrets-inherit-third-party', severity: 'error', line: 6, column: 14 },
    ]);
  });

  it('workflow/missing-timeout: on the job key', async () => {
    expect(positions(await checkExample('bad/missing-timeout.yml'))).toEqual([
      { rule: 'workflow/missing-timeout', severity: 'warning', line: 4, column: 3 },
    ]);
  });

  it('the whole bad folder yields one file per rule id', async () => {
    const problems = await checkWorkflowDir(path.join(examples, 'bad'));
    const rulesByFile = new Map<string, Set<string>>();
    for (const problem of problems) {
      const name = path.basename(problem.file, '.yml');
      rulesByFile.set(name, (rulesByFile.get(name) ?? new Set()).add(problem.rule));
    }
    for (const [name, rules] of rulesByFile) expect([...rules]).toEqual([`workflow/${name}`]);
    expect(rulesByFile.size).toBe(6);
  });
});

describe('messages say what to do', () => {
  it('the injection message names the expression and the env: fix', async () => {
    const [first] = await checkExample('bad/expression-in-run.yml');
    expect(first?.message).toContain('github.event.client_payload.updated_feature');
    expect(first?.message).toContain('env:');
    expect(first).toMatchObject({ endLine: 10, endColumn: 29 + '${{ github.event.client_payload.updated_feature }}'.length });
  });

  it('the pin message shows the SHA form with the version comment', async () => {
    const [first] = await checkExample('bad/unpinned-action.yml');
    expect(first?.message).toContain('actions/checkout@<commit-sha> # v5');
  });
});

describe('syntax errors', () => {
  it('a YAML error is reported once, positioned, and the other checks do not pile on', async () => {
    const problems = await checkWorkflow('on: push\njobs:\n  a:\n    x: 1\n   y: 2\n', 'broken.yml');
    expect(positions(problems)).toEqual([{ rule: 'workflow/yaml-syntax', severity: 'error', line: 5, column: 1 }]);
  });
});
