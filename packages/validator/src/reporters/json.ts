import type { Problem } from '@ecosystem-dispatcher/core';

/** `{"ok": bool, "problems": [{rule, severity, message, file, line, column}]}`; ok means no errors. */
export function formatJson(problems: readonly Problem[]): string {
  const report = {
    ok: problems.every((p) => p.severity !== 'error'),
    problems: problems.map(({ rule, severity, message, file, line, column }) => ({ rule, severity, message, file, line, column })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
