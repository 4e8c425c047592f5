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

/**
 * Rules create-cousin leaves to `ecosystem lint` in the cousin: a root destination is
 * warned about there, where a `protect` list can answer it (create-cousin writes none).
 */
const LEFT_TO_LINT = new Set(['destination/root']);

/**
 * `ecosystem lint` on a generated subscriptions.json; with a local monorepo checkout, its
 * tracked files show what each subscription carries (workflow files, say).
 */
export async function lintSubscriptionsText(text: string, file: string, monorepo?: string): Promise<Problem[]> {
  const upstreamFiles = monorepo === undefined ? undefined : await resolveTrackedFiles({ root: monorepo });
  return lintText(text, file, { kind: 'subscriptions', ...(upstreamFiles ? { upstreamFiles } : {}) }).filter((problem) => !LEFT_TO_LINT.has(problem.rule));
}

export function formatProblem(problem: Problem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.severity} ${problem.message} (${problem.rule})`;
}
