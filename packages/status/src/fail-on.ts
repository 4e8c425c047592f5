import { UsageError } from '@ecosystem-dispatcher/core';
import type { FeatureRow } from './model.js';

/** Conditions that `--fail-on` can turn into exit code 1. */
export const FAIL_CONDITIONS = ['behind', 'conflict', 'failure', 'unreachable'] as const;
export type FailCondition = (typeof FAIL_CONDITIONS)[number];

const MATCHES: Record<FailCondition, (row: FeatureRow) => boolean> = {
  behind: (row) => (row.behind ?? 0) > 0,
  conflict: (row) => row.pull?.conflict === true,
  failure: (row) => row.failure !== undefined,
  unreachable: (row) => row.problem !== undefined,
};

/** `behind,conflict` → ['behind', 'conflict']; unknown words are a usage error. */
export function parseFailOn(text: string | undefined): FailCondition[] {
  if (text === undefined || text.trim() === '') return [];
  return text.split(',').map((word) => {
    const condition = word.trim() as FailCondition;
    if (!FAIL_CONDITIONS.includes(condition)) throw new UsageError(`--fail-on takes ${FAIL_CONDITIONS.join(', ')} (comma-separated), got ${JSON.stringify(word.trim())}`);
    return condition;
  });
}

/** One line per condition that holds for at least one row, naming how many. */
export function failedConditions(rows: readonly FeatureRow[], conditions: readonly FailCondition[]): string[] {
  return conditions.flatMap((condition) => {
    const count = rows.filter(MATCHES[condition]).length;
    return count > 0 ? [`${condition}: ${count} of ${rows.length} cousin feature(s)`] : [];
  });
}
