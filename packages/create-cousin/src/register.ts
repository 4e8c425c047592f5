import { ProblemsFound, UsageError } from '@ecosystem-dispatcher/core';
import { monorepoEventTypes } from './monorepo.js';
import type { Answers } from './answers.js';
import { spliceCousinEntry, type SpliceResult } from './ecosystem-splice.js';
import { readIfExists } from './file-plan.js';
import { formatProblem, lintEcosystemText } from './lint-rules.js';
import { ecosystemEntry } from './next-steps.js';

export interface Registration extends SpliceResult {
  file: string;
  current: string;
}

/**
 * The monorepo's ecosystem.json with this cousin's entry added or updated, linted with
 * the rules of `ecosystem lint`. Nothing is written here.
 */
export async function planRegistration(file: string, answers: Answers, report: (line: string) => void): Promise<Registration> {
  if (!answers.repo) throw new UsageError('--register needs --repo OWNER/NAME (this cousin\'s repository; its folder has no GitHub "origin" remote)');
  const current = await readIfExists(file);
  if (current === undefined) throw new UsageError(`cannot read ${file}: no such file (--register names the monorepo's ecosystem.json)`);
  const { defaultEventType } = await monorepoEventTypes(file, answers.repo);
  const result = spliceCousinEntry(current, ecosystemEntry(answers, defaultEventType), defaultEventType);
  const problems = (await lintEcosystemText(result.text, file)).filter((problem) => problem.severity === 'error');
  if (problems.length > 0) {
    for (const problem of problems) report(formatProblem(problem));
    throw new ProblemsFound(`${file} would have ${problems.length} lint error${problems.length === 1 ? '' : 's'} with this cousin registered; nothing written`);
  }
  return { ...result, file, current };
}
