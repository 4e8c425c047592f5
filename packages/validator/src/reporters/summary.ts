import type { Problem } from '@ecosystem-dispatcher/core';

export interface ProblemCounts {
  errors: number;
  warnings: number;
}

export function countProblems(problems: readonly Problem[]): ProblemCounts {
  const errors = problems.filter((p) => p.severity === 'error').length;
  return { errors, warnings: problems.length - errors };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "3 problems (2 errors, 1 warning) in 1 file" or "No problems in 2 files." */
export function summarize(problems: readonly Problem[], filesChecked: number): string {
  const files = plural(filesChecked, 'file');
  if (problems.length === 0) return `No problems in ${files}.`;
  const { errors, warnings } = countProblems(problems);
  return `${plural(problems.length, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}) in ${files}.`;
}
