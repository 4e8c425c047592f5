import { isScalar } from 'yaml';
import type { Node } from 'yaml';
import { contextPaths, findExpressions, parseExpression } from '../expressions.js';
import type { EmbeddedExpression } from '../expressions.js';
import type { Problem } from '../problem.js';
import { entry, jobsOf, problemAtOffsets, stepsOf } from '../workflow-document.js';
import type { WorkflowDocument } from '../workflow-document.js';
import type { WorkflowRule } from './rule.js';

export const EXPRESSION_IN_RUN = 'workflow/expression-in-run';

/**
 * `${{ }}` inside `run:` is pasted into the script before the shell starts, so
 * text the caller or the event controls becomes code (script injection). The
 * context paths below are that text; everything else (`env`, `vars`,
 * `secrets`, `github.sha`, `matrix`…) is left alone. actionlint misses
 * `github.event.client_payload.*` and `inputs.*`, hence this rule.
 * https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#understanding-the-risk-of-script-injections
 */
export function callerControlledReason(path: readonly string[]): string | undefined {
  const [context, property, part] = path;
  if (context === 'github') {
    if (property === undefined || property === '*') return 'the whole github context includes the event payload';
    if (property === 'event') return 'event payloads are written by whoever triggered the run';
    if (property === 'head_ref') return 'branch names are chosen by the pull request author';
    return undefined;
  }
  if (context === 'inputs') return 'inputs are chosen by the caller of the workflow';
  if ((context === 'steps' || context === 'needs') && (part === undefined || part === '*' || part === 'outputs')) {
    return 'outputs are often derived from event data';
  }
  return undefined;
}

export const expressionInRun: WorkflowRule = {
  id: EXPRESSION_IN_RUN,
  description: 'no caller-controlled ${{ }} (event, inputs, head_ref, step/job outputs) inside run: scripts',
  check(workflow) {
    const problems: Problem[] = [];
    for (const job of jobsOf(workflow)) {
      for (const step of stepsOf(job)) {
        const run = entry(step, 'run')?.value;
        if (isScalar(run) && typeof run.value === 'string') problems.push(...checkScript(workflow, run, run.value));
      }
    }
    return problems;
  },
};

function checkScript(workflow: WorkflowDocument, node: Node, script: string): Problem[] {
  const problems: Problem[] = [];
  const sourceStarts = expressionStartsInSource(workflow, node);
  findExpressions(script).forEach((expression, index) => {
    const reason = firstReason(expression);
    if (!reason) return;
    const start = sourceStarts[index] ?? node.range?.[0] ?? 0;
    const text = `\${{${expression.body}}}`;
    problems.push(
      problemAtOffsets(
        workflow,
        {
          rule: EXPRESSION_IN_RUN,
          severity: 'error',
          message:
            `${text.replace(/\s+/g, ' ')} is pasted into the script before it runs (${reason}): ` +
            'pass it through env: (for example `env: { VALUE: ${{ … }} }`) and use "$VALUE" in run:',
        },
        start,
        start + text.length,
      ),
    );
  });
  return problems;
}

function firstReason(expression: EmbeddedExpression): string | undefined {
  let paths: string[][];
  try {
    paths = contextPaths(parseExpression(expression.body));
  } catch {
    // An expression GitHub cannot parse is reported by GitHub's parser and actionlint.
    return undefined;
  }
  for (const path of paths) {
    const reason = callerControlledReason(path);
    if (reason) return `${path.join('.')}: ${reason}`;
  }
  return undefined;
}

/**
 * Block and quoted scalars differ from their value (indentation, escapes), so
 * the n-th `${{` of the value is located as the n-th `${{` of the source text.
 */
function expressionStartsInSource(workflow: WorkflowDocument, node: Node): number[] {
  const [start, end] = node.range ?? [0, 0];
  const starts: number[] = [];
  let at = workflow.source.indexOf('${{', start);
  while (at >= 0 && at < end) {
    starts.push(at);
    at = workflow.source.indexOf('${{', at + 3);
  }
  return starts;
}
