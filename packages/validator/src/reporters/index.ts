import type { Problem } from '@ecosystem-dispatcher/core';
import type { ReportContext } from './context.js';
import { formatGitHub } from './github.js';
import { formatJson } from './json.js';
import { formatPretty } from './pretty.js';
import { formatSarif } from './sarif.js';

export const REPORT_FORMATS = ['pretty', 'json', 'github', 'sarif'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function formatProblems(format: ReportFormat, problems: readonly Problem[], context: ReportContext = {}): string {
  switch (format) {
    case 'pretty':
      return formatPretty(problems, context);
    case 'json':
      return formatJson(problems, context);
    case 'github':
      return formatGitHub(problems, context);
    case 'sarif':
      return formatSarif(problems, context);
  }
}

export type { ReportContext } from './context.js';
export { countProblems, summarize, type ProblemCounts } from './summary.js';
export { escapeData, escapeProperty } from './github.js';
