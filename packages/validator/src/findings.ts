import type { JsonDocument, JsonPath, Problem } from '@ecosystem-dispatcher/core';
import { RULES, type RuleId } from './rules.js';

/**
 * Collects the problems of one document. Positions are looked up only when something is
 * reported, so a clean file never pays for the source-range parse.
 */
export class Findings {
  readonly document: JsonDocument;
  readonly problems: Problem[] = [];
  /** JSON paths (joined) a semantic rule already reported: the schema's vaguer error there is dropped. */
  readonly reportedPaths = new Set<string>();

  constructor(document: JsonDocument) {
    this.document = document;
  }

  /** Reports at the value of `path`, or at its key with `at: 'key'` (for map keys that are paths themselves). */
  report(rule: RuleId, path: JsonPath, message: string, options: { at?: 'value' | 'key' } = {}): void {
    const where = options.at === 'key' ? this.document.keyPositionOf(path) : this.document.positionOf(path);
    this.reportedPaths.add(pathKey(path));
    this.problems.push({
      rule,
      severity: RULES[rule].severity,
      message,
      file: this.document.file,
      line: where.line,
      column: where.column,
      endLine: where.endLine,
      endColumn: where.endColumn,
    });
  }

  /** 1-based line of a value, for messages that point at another entry ("first listed on line 4"). */
  lineOf(path: JsonPath): number {
    return this.document.positionOf(path).line;
  }
}

export function pathKey(path: JsonPath): string {
  return JSON.stringify(path);
}
