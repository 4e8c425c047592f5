import type { Problem } from '@ecosystem-dispatcher/core';
import { codeFrame, COLORS, NO_COLORS } from './code-frame.js';
import { summarize } from './summary.js';
import type { ReportContext } from './context.js';

/** `file:line:col severity [rule] message`, a code frame, and a summary line. */
export function formatPretty(problems: readonly Problem[], context: ReportContext): string {
  const paint = context.color ? COLORS : NO_COLORS;
  const blocks = problems.map((problem) => {
    const severity = problem.severity === 'error' ? paint.red('error') : paint.yellow('warning');
    const head = `${paint.bold(`${problem.file}:${problem.line}:${problem.column}`)} ${severity} ${problem.message} ${paint.dim(`[${problem.rule}]`)}`;
    const source = context.sources?.get(problem.file);
    return source === undefined ? head : `${head}\n${codeFrame(source, problem, paint)}`;
  });
  const summary = summarize(problems, context.filesChecked ?? new Set(problems.map((p) => p.file)).size);
  const notes = (context.notes ?? []).map((note) => paint.dim(note));
  return [...blocks.map((block) => `${block}\n`), ...notes, problems.length > 0 ? paint.bold(summary) : summary].join('\n') + '\n';
}
