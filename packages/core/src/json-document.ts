import { createRequire } from 'node:module';
import type { Document, LineCounter, Node } from 'yaml';
import { ConfigError } from './errors.js';
import { findJsonSyntaxProblem } from './json-syntax.js';

export type JsonPath = ReadonlyArray<string | number>;

type YamlModule = typeof import('yaml');
let yamlModule: YamlModule | undefined;

/** `yaml` takes ~60 ms to load; only a file with problems needs positions, so it loads on the first one. */
function yaml(): YamlModule {
  return (yamlModule ??= createRequire(import.meta.url)('yaml') as YamlModule);
}

export interface SourcePosition {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * A parsed JSON file that can say where each value sits. JSON.parse gives the value;
 * the `yaml` package (JSON is YAML 1.2) gives source ranges, built only when a position
 * is asked for, so the happy path pays nothing.
 */
export class JsonDocument {
  readonly file: string;
  readonly text: string;
  readonly value: unknown;
  #doc: Document.Parsed | undefined;
  #lines: LineCounter | undefined;

  constructor(file: string, text: string, value: unknown) {
    this.file = file;
    this.text = text;
    this.value = value;
  }

  /** Position of the value at `path`; falls back to the nearest enclosing value that exists. */
  positionOf(path: JsonPath): SourcePosition {
    return this.#rangeToPosition(this.#nodeAt(path)?.range);
  }

  /** Position of the key that names `path`'s last segment (or of the value for array items). */
  keyPositionOf(path: JsonPath): SourcePosition {
    const parent = this.#nodeAt(path.slice(0, -1));
    const last = path[path.length - 1];
    if (parent && yaml().isMap(parent) && typeof last === 'string') {
      const pair = parent.items.find((item) => (item.key as { value?: unknown } | null)?.value === last);
      const key = pair?.key as Node | undefined;
      if (key?.range) return this.#rangeToPosition(key.range);
    }
    return this.positionOf(path);
  }

  #nodeAt(path: JsonPath): Node | undefined {
    const doc = this.#document();
    const { isMap, isSeq } = yaml();
    let node = doc.contents as Node | null;
    let found: Node | undefined = node ?? undefined;
    for (const segment of path) {
      if (isMap(node)) node = (node.get(segment, true) as Node | undefined) ?? null;
      else if (isSeq(node) && typeof segment === 'number') node = (node.get(segment, true) as Node | undefined) ?? null;
      else node = null;
      if (!node) break;
      found = node;
    }
    return found;
  }

  #document(): Document.Parsed {
    if (!this.#doc) {
      const { LineCounter, parseDocument } = yaml();
      this.#lines = new LineCounter();
      this.#doc = parseDocument(this.text, { lineCounter: this.#lines, uniqueKeys: false, keepSourceTokens: false });
    }
    return this.#doc;
  }

  #rangeToPosition(range: readonly [number, number, number] | null | undefined): SourcePosition {
    this.#document();
    const lines = this.#lines!;
    const start = lines.linePos(range?.[0] ?? 0);
    const end = lines.linePos(range?.[1] ?? range?.[0] ?? 0);
    return { line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
  }
}

/** Line and column (1-based) of a character offset. */
export function offsetToPosition(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
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
