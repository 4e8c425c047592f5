import { Lexer, Parser, data } from '@actions/expressions';
import { ContextAccess, FunctionCall, Grouping, IndexAccess, Literal, Logical, Binary, Unary } from '@actions/expressions/ast';
import type { Expr } from '@actions/expressions';

/** One `${{ … }}` found in a string: where it starts and ends, and the text between the braces. */
export interface EmbeddedExpression {
  start: number;
  end: number;
  body: string;
}

/** Every context GitHub knows at some point of a workflow; the parser rejects others. */
const KNOWN_CONTEXTS = ['github', 'env', 'inputs', 'secrets', 'vars', 'steps', 'needs', 'job', 'jobs', 'runner', 'strategy', 'matrix'];

/**
 * Finds `${{ … }}` the way the runner does: the closing `}}` is the first one
 * outside a single-quoted string literal (`''` escapes a quote inside one).
 */
export function findExpressions(text: string): EmbeddedExpression[] {
  const found: EmbeddedExpression[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf('${{', from);
    if (start < 0) return found;
    const close = closingBraces(text, start + 3);
    if (close < 0) return found;
    found.push({ start, end: close + 2, body: text.slice(start + 3, close) });
    from = close + 2;
  }
}

function closingBraces(text: string, from: number): number {
  let inString = false;
  for (let i = from; i < text.length; i++) {
    const char = text[i];
    if (char === "'") {
      if (inString && text[i + 1] === "'") i++;
      else inString = !inString;
    } else if (!inString && char === '}' && text[i + 1] === '}') {
      return i;
    }
  }
  return -1;
}

/** Parses an expression body with GitHub's own parser; throws its error when invalid. */
export function parseExpression(body: string): Expr {
  const { tokens } = new Lexer(body).lex();
  return new Parser(tokens, KNOWN_CONTEXTS, []).parse();
}

/**
 * The context paths an expression reads, lower-cased (`github.event.issue.title`
 * → `['github','event','issue','title']`). A computed or `*` index becomes `'*'`,
 * so `github[format('event')]` still counts as reading the whole `github`.
 */
export function contextPaths(expr: Expr): string[][] {
  const paths: string[][] = [];
  collect(expr, paths);
  return paths;
}

function collect(expr: Expr, paths: string[][]): void {
  const path = accessPath(expr);
  if (path) {
    paths.push(path.segments);
    for (const computed of path.computedIndexes) collect(computed, paths);
    return;
  }
  for (const child of childrenOf(expr)) collect(child, paths);
}

interface AccessPath {
  segments: string[];
  computedIndexes: Expr[];
}

function accessPath(expr: Expr): AccessPath | undefined {
  if (expr instanceof ContextAccess) return { segments: [expr.name.lexeme.toLowerCase()], computedIndexes: [] };
  if (!(expr instanceof IndexAccess)) return undefined;
  const base = accessPath(expr.expr);
  if (!base) return undefined;
  const index = expr.index;
  if (index instanceof Literal && index.literal instanceof data.StringData) {
    return { segments: [...base.segments, index.literal.value.toLowerCase()], computedIndexes: base.computedIndexes };
  }
  return { segments: [...base.segments, '*'], computedIndexes: [...base.computedIndexes, index] };
}

function childrenOf(expr: Expr): Expr[] {
  if (expr instanceof FunctionCall) return expr.args;
  if (expr instanceof Logical) return expr.args;
  if (expr instanceof Binary) return [expr.left, expr.right];
  if (expr instanceof Unary) return [expr.expr];
  if (expr instanceof Grouping) return [expr.group];
  if (expr instanceof IndexAccess) return [expr.expr, expr.index];
  return [];
}
