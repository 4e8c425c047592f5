import type { Problem } from '@ecosystem-dispatcher/core';
import { summarize } from './summary.js';
import type { ReportContext } from './context.js';

/**
 * GitHub Actions workflow commands, so findings annotate the pull request's diff.
 * Escaping as GitHub's own toolkit does (actions/toolkit, core/src/command.ts): data
 * escapes %, CR, LF; property values also ":" and ",".
 */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGitHub(problems: readonly Problem[], context: ReportContext): string {
  const lines = problems.map((problem) => {
    const properties: Array<[string, string | number | undefined]> = [
      ['file', problem.file],
      ['line', problem.line],
      ['col', problem.column],
      ['endLine', problem.endLine],
      ['endColumn', problem.endLine === problem.line ? problem.endColumn : undefined],
      ['title', problem.rule],
    ];
    const list = properties.filter(([, value]) => value !== undefined).map(([key, value]) => `${key}=${escapeProperty(String(value))}`);
    return `::${problem.severity} ${list.join(',')}::${escapeData(problem.message)}`;
  });
  lines.push(summarize(problems, context.filesChecked ?? new Set(problems.map((p) => p.file)).size));
  return `${lines.join('\n')}\n`;
}
