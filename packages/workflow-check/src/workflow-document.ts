import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node, Pair, Scalar, YAMLMap } from 'yaml';
import type { Problem } from './problem.js';

/** A workflow file parsed once, with the offsets-to-positions table every rule needs. */
export interface WorkflowDocument {
  file: string;
  source: string;
  document: Document.Parsed;
  lines: LineCounter;
}

export interface Position {
  line: number;
  column: number;
}

export function parseWorkflowDocument(source: string, file: string): WorkflowDocument {
  const lines = new LineCounter();
  const document = parseDocument(source, { lineCounter: lines, prettyErrors: false });
  return { file, source, document, lines };
}

export function positionAt(workflow: WorkflowDocument, offset: number): Position {
  const { line, col } = workflow.lines.linePos(offset);
  return { line, column: col };
}

export interface ProblemDraft {
  rule: string;
  severity: Problem['severity'];
  message: string;
}

/** A problem spanning `[start, end)` source offsets. */
export function problemAtOffsets(
  workflow: WorkflowDocument,
  draft: ProblemDraft,
  start: number,
  end: number,
): Problem {
  const from = positionAt(workflow, start);
  const to = positionAt(workflow, end);
  return {
    ...draft,
    file: workflow.file,
    line: from.line,
    column: from.column,
    endLine: to.line,
    endColumn: to.column,
  };
}

/** A problem on a whole node (its value range, not trailing comments). */
export function problemAtNode(workflow: WorkflowDocument, draft: ProblemDraft, node: Node | null | undefined): Problem {
  const range = node?.range ?? [0, 0, 0];
  return problemAtOffsets(workflow, draft, range[0], range[1]);
}

export function mapEntries(node: unknown): Pair<Scalar, Node | null>[] {
  if (!isMap(node)) return [];
  return (node as YAMLMap<Scalar, Node | null>).items.filter((pair) => isScalar(pair.key));
}

export function entry(node: unknown, key: string): Pair<Scalar, Node | null> | undefined {
  return mapEntries(node).find((pair) => pair.key.value === key);
}

export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const value = node.value;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

export interface JobNode {
  id: string;
  key: Scalar;
  body: Node | null;
}

export function jobsOf(workflow: WorkflowDocument): JobNode[] {
  const jobs = entry(workflow.document.contents, 'jobs')?.value;
  return mapEntries(jobs).map((pair) => ({ id: String(pair.key.value), key: pair.key, body: pair.value }));
}

export function stepsOf(job: JobNode): Node[] {
  const steps = entry(job.body, 'steps')?.value;
  return isSeq(steps) ? (steps.items as Node[]) : [];
}
