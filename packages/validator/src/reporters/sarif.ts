import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_REPO, type Problem } from '@ecosystem-dispatcher/core';
import { RULES, type RuleInfo } from '../rules.js';
import type { ReportContext } from './context.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string };
  defaultConfiguration: { level: 'error' | 'warning' };
}

function toSarifRule(id: string, info: RuleInfo): SarifRule {
  return {
    id,
    shortDescription: { text: info.summary },
    fullDescription: { text: `${info.summary} ${info.help}` },
    help: { text: info.help },
    defaultConfiguration: { level: info.severity },
  };
}

/** Relative paths stay relative (code scanning resolves them against the checkout); others become file URLs. */
export function artifactUri(file: string): string {
  if (isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}

/**
 * SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`): every rule
 * of the validator with its help text, and one result per problem with its region.
 */
export function formatSarif(problems: readonly Problem[], context: ReportContext): string {
  const rules: SarifRule[] = Object.entries(RULES).map(([id, info]) => toSarifRule(id, info));
  for (const problem of problems) {
    if (rules.some((r) => r.id === problem.rule)) continue;
    const text = context.extraRules?.get(problem.rule) ?? problem.rule;
    rules.push(toSarifRule(problem.rule, { severity: problem.severity, applies: 'any', summary: text, help: text }));
  }
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const results = problems.map((problem) => ({
    ruleId: problem.rule,
    ruleIndex: index.get(problem.rule)!,
    level: problem.severity,
    message: { text: problem.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: artifactUri(problem.file) },
          region: {
            startLine: problem.line,
            startColumn: problem.column,
            ...(problem.endLine !== undefined && problem.endColumn !== undefined ? { endLine: problem.endLine, endColumn: problem.endColumn } : {}),
          },
        },
      },
    ],
  }));
  const driver = {
    name: 'ecosystem lint',
    informationUri: `https://github.com/${PROJECT_REPO}`,
    ...(context.version ? { version: context.version } : {}),
    rules,
  };
  const log = { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [{ tool: { driver }, columnKind: 'utf16CodeUnits', results }] };
  return `${JSON.stringify(log, null, 2)}\n`;
}
