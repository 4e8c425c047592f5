import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { ConfigError } from './errors.js';
import { findJsonSyntaxProblem } from './json-syntax.js';

export type JsonPath = ReadonlyArray<string | number>;

export interface SourcePosition {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * A parsed JSON file that can say where each value sits. JSON.parse gives the value;
 * jsonc-parser's syntax tree gives offsets, built only when a position is asked for, so
 * the happy path pays nothing.
 */
export class JsonDocument {
  readonly file: string;
  readonly text: string;
  readonly value: unknown;
  #tree: Node | undefined;
  #lineStarts: number[] | undefined;

  constructor(file: string, text: string, value: unknown) {
    this.file = file;
    this.text = text;
    this.value = value;
  }

  /** Position of the value at `path`; falls back to the nearest enclosing value that exists. */
  positionOf(path: JsonPath): SourcePosition {
    return this.#position(this.#nodeAt(path));
  }

  /** Position of the key that names `path`'s last segment (or of the value for array items). */
  keyPositionOf(path: JsonPath): SourcePosition {
    const parent = this.#nodeAt(path.slice(0, -1));
    const last = path[path.length - 1];
    const property = parent?.type === 'object' && typeof last === 'string' ? parent.children?.find((item) => item.children?.[0]?.value === last) : undefined;
    return property ? this.#position(property.children![0]) : this.positionOf(path);
  }

  #nodeAt(path: JsonPath): Node | undefined {
    this.#tree ??= parseTree(this.text, [], { disallowComments: true });
    for (let depth = path.length; depth >= 0; depth--) {
      const node = this.#tree && findNodeAtLocation(this.#tree, [...path.slice(0, depth)]);
      if (node) return node;
    }
    return this.#tree;
  }

  #position(node: Node | undefined): SourcePosition {
    const start = this.#lineAndColumn(node?.offset ?? 0);
    const end = this.#lineAndColumn((node?.offset ?? 0) + (node?.length ?? 0));
    return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  }

  #lineAndColumn(offset: number): { line: number; column: number } {
    this.#lineStarts ??= lineStarts(this.text);
    return lineAndColumn(this.#lineStarts, offset);
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line and column of an offset, by binary search over the line starts. */
function lineAndColumn(starts: readonly number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - starts[low]! + 1 };
}

/** Line and column (1-based) of a character offset. */
export function offsetToPosition(text: string, offset: number): { line: number; column: number } {
  return lineAndColumn(lineStarts(text), Math.min(offset, text.length));
}

/** Parses JSON text; a syntax error becomes a ConfigError naming file, line and column. */
export function parseJsonDocument(text: string, file: string): JsonDocument {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return new JsonDocument(file, source, JSON.parse(source));
  } catch {
    const problem = findJsonSyntaxProblem(source) ?? { offset: 0, message: 'invalid JSON' };
    throw new ConfigError(`JSON syntax error: ${problem.message}`, { file, ...offsetToPosition(source, problem.offset) });
  }
}
