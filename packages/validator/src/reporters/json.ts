import type { Problem } from '@ecosystem-dispatcher/core';
import { lintExitCode } from '../verdict.js';
import type { ReportContext } from './context.js';

/** `{"ok": bool, "problems": [{rule, severity, message, file, line, column}]}`; ok is exactly "exit code 0". */
export function formatJson(problems: readonly Problem[], context: ReportContext = {}): string {
  const report = {
    ok: lintExitCode(problems, context.maxWarnings) === 0,
    problems: problems.map(({ rule, severity, message, file, line, column }) => ({ rule, severity, message, file, line, column })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
