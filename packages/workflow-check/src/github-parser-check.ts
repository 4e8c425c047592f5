import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Problem } from './problem.js';
import { loadWorkflowParser } from './workflow-parser-loader.js';

export const GITHUB_PARSER = 'github/workflow-parser';

interface ParserError {
  rawMessage: string;
  prefix: string | undefined;
  range: { start: { line: number; column: number }; end: { line: number; column: number } } | undefined;
}

/**
 * GitHub's own parser (the one behind the VS Code extension): schema, expression
 * syntax, `needs`, and — with `localWorkflowRoot` — the inputs and secrets of
 * `./.github/workflows/*.yml` reusable workflows this file calls. The parser
 * follows every call or none, and remote ones cannot be read offline, so the
 * caller passes a root only when all calls are local.
 */
export async function checkWithGitHubParser(source: string, file: string, localWorkflowRoot?: string): Promise<Problem[]> {
  const parser = await loadWorkflowParser();
  const parsed = parser.parseWorkflow({ name: file, content: source }, new parser.NoOperationTraceWriter());
  if (parsed.context.errors.getErrors().length === 0 && parsed.value) {
    const canFollow = localWorkflowRoot !== undefined;
    await parser.convertWorkflowTemplate(
      parsed.context,
      parsed.value,
      canFollow ? localWorkflowFiles(localWorkflowRoot) : undefined,
      { fetchReusableWorkflowDepth: canFollow ? 1 : 0 },
    );
  }
  return (parsed.context.errors.getErrors() as ParserError[]).map((error) => toProblem(error, file));
}

function toProblem(error: ParserError, file: string): Problem {
  const start = error.range?.start ?? { line: 1, column: 1 };
  const end = error.range?.end;
  // The prefix names the file the error is in ("name (Line: 5, Col: 11)"): a called workflow's own errors are reported on the line 1 of this file.
  const ownFile = error.prefix === undefined || error.prefix === file || error.prefix.startsWith(`${file} (`);
  return {
    rule: GITHUB_PARSER,
    severity: 'error',
    message: ownFile ? error.rawMessage : `${error.prefix}: ${error.rawMessage}`,
    file,
    line: ownFile ? start.line : 1,
    column: ownFile ? start.column : 1,
    ...(ownFile && end ? { endLine: end.line, endColumn: end.column } : {}),
  };
}

function localWorkflowFiles(root: string) {
  return {
    async getFileContent(reference: { path: string }) {
      const relative = reference.path.replace(/^\.\//, '');
      return { name: reference.path, content: await readFile(path.join(root, relative), 'utf8') };
    },
  };
}
