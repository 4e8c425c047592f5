import path from 'node:path';
import type { Problem } from '@ecosystem-dispatcher/core';
import { lintText, resolveTrackedFiles } from '@ecosystem-dispatcher/validator';

/**
 * `ecosystem lint` on an ecosystem.json text; with the monorepo's tracked files when the
 * file sits in a git checkout, so subscriptions that match nothing are found too.
 */
export async function lintEcosystemText(text: string, file: string): Promise<Problem[]> {
  const trackedFiles = await resolveTrackedFiles({ root: path.dirname(file) });
  return lintText(text, file, { kind: 'ecosystem', ...(trackedFiles ? { trackedFiles } : {}) });
}

/** `ecosystem lint` on a subscriptions.json text. */
export function lintSubscriptionsText(text: string, file: string): Problem[] {
  return lintText(text, file, { kind: 'subscriptions' });
}

export function formatProblem(problem: Problem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.severity} ${problem.message} (${problem.rule})`;
}
