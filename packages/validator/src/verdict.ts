import type { Problem } from '@ecosystem-dispatcher/core';
import { countProblems } from './reporters/summary.js';

/** 0 clean (warnings allowed up to `maxWarnings`, default unlimited), 1 findings. */
export function lintExitCode(problems: readonly Problem[], maxWarnings = Infinity): 0 | 1 {
  const { errors, warnings } = countProblems(problems);
  return errors > 0 || warnings > maxWarnings ? 1 : 0;
}
