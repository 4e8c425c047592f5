import { Evaluator, Lexer, Parser, data } from '@actions/expressions';
import type { ExpressionData } from '@actions/expressions/data/expressiondata';
import { truthy } from '@actions/expressions/result';

/** The contexts a job's expressions can read, as plain JSON-like values. */
export interface ExpressionContexts {
  github: Record<string, unknown>;
  env: Record<string, string>;
  inputs: Record<string, unknown>;
  secrets: Record<string, string>;
  vars: Record<string, string>;
  steps: Record<string, StepContext>;
  needs: Record<string, NeedContext>;
  runner: Record<string, string>;
  job: Record<string, unknown>;
  jobs?: Record<string, NeedContext>;
  matrix: Record<string, unknown>;
  strategy: Record<string, unknown>;
}

export interface StepContext {
  outputs: Record<string, string>;
  outcome: StepResult;
  conclusion: StepResult;
}

export interface NeedContext {
  outputs: Record<string, string>;
  result: StepResult;
}

export type StepResult = 'success' | 'failure' | 'cancelled' | 'skipped';

/** `success()` and friends read the state of the job so far (or, for a job's if:, of its needs). */
export interface JobState {
  failed: boolean;
  /** A needed job was skipped: success() is false, failure() too. */
  blocked?: boolean;
}

const CONTEXT_NAMES = ['github', 'env', 'inputs', 'secrets', 'vars', 'steps', 'needs', 'runner', 'job', 'jobs', 'matrix', 'strategy'];

function statusFunctions(state: JobState) {
  const status = (name: string, value: () => boolean) => ({
    name,
    minArgs: 0,
    maxArgs: 0,
    call: () => new data.BooleanData(value()),
  });
  return [
    status('success', () => !state.failed && !state.blocked),
    status('failure', () => state.failed),
    status('always', () => true),
    status('cancelled', () => false),
  ];
}

export function toExpressionData(value: unknown): ExpressionData {
  return JSON.parse(JSON.stringify(value ?? null), data.reviver) as ExpressionData;
}

export function fromExpressionData(value: ExpressionData): unknown {
  return JSON.parse(JSON.stringify(value, data.replacer)) as unknown;
}

/** Evaluates one expression body (the text between `${{` and `}}`) with GitHub's evaluator. */
export function evaluateExpression(body: string, contexts: ExpressionContexts, state: JobState = { failed: false }): ExpressionData {
  const functions = statusFunctions(state);
  const { tokens } = new Lexer(body).lex();
  const expression = new Parser(tokens, CONTEXT_NAMES, functions).parse();
  const dictionary = toExpressionData(contexts) as data.Dictionary;
  return new Evaluator(expression, dictionary, new Map(functions.map((f) => [f.name, f]))).evaluate();
}

const WHOLE_EXPRESSION = /^\s*\$\{\{([\s\S]*)\}\}\s*$/;

/**
 * Evaluates a workflow value the way the runner does: a string that is one `${{ }}`
 * keeps the expression's type; text with embedded expressions becomes a string;
 * maps and lists are evaluated member by member.
 */
export function evaluateValue(value: unknown, contexts: ExpressionContexts, state?: JobState): unknown {
  if (typeof value === 'string') return evaluateString(value, contexts, state);
  if (Array.isArray(value)) return value.map((item) => evaluateValue(item, contexts, state));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, evaluateValue(item, contexts, state)]));
  }
  return value;
}

function evaluateString(text: string, contexts: ExpressionContexts, state?: JobState): unknown {
  const parts = splitTemplate(text);
  const [only] = parts;
  if (parts.length === 1 && only?.expression && WHOLE_EXPRESSION.test(text)) {
    return fromExpressionData(evaluateExpression(only.text, contexts, state));
  }
  return parts.map((part) => (part.expression ? evaluateExpression(part.text, contexts, state).coerceString() : part.text)).join('');
}

/** Text and `${{ }}` parts; a `}}` inside a single-quoted literal does not close. */
export function splitTemplate(text: string): { expression: boolean; text: string }[] {
  const parts: { expression: boolean; text: string }[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf('${{', from);
    const close = start < 0 ? -1 : closingBraces(text, start + 3);
    if (start < 0 || close < 0) {
      if (from < text.length) parts.push({ expression: false, text: text.slice(from) });
      return parts;
    }
    if (start > from) parts.push({ expression: false, text: text.slice(from, start) });
    parts.push({ expression: true, text: text.slice(start + 3, close) });
    from = close + 2;
  }
}

function closingBraces(text: string, from: number): number {
  let inString = false;
  for (let i = from; i < text.length; i++) {
    if (text[i] === "'") {
      if (inString && text[i + 1] === "'") i++;
      else inString = !inString;
    } else if (!inString && text[i] === '}' && text[i + 1] === '}') {
      return i;
    }
  }
  return -1;
}

const STATUS_CALL = /\b(success|failure|always|cancelled)\s*\(/i;

/**
 * `if:` is an expression with or without `${{ }}`; without a status function it
 * means `success() && (…)`.
 * https://docs.github.com/en/actions/reference/workflows-and-actions/expressions#status-check-functions
 */
export function evaluateCondition(condition: unknown, contexts: ExpressionContexts, state: JobState): boolean {
  if (condition === undefined || condition === null) return !state.failed && !state.blocked;
  if (typeof condition === 'boolean') return condition && !state.failed && !state.blocked;
  const text = String(condition);
  const body = WHOLE_EXPRESSION.exec(text)?.[1] ?? text;
  const withStatus = STATUS_CALL.test(body) ? body : `success() && (${body})`;
  return truthy(evaluateExpression(withStatus, contexts, state));
}
