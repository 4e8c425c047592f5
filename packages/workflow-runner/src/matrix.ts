import { evaluateValue } from './expressions.js';
import type { ExpressionContexts } from './expressions.js';
import type { JobRun } from './runner-options.js';

/** One job of a matrix: the `matrix` and `strategy` contexts it runs with. */
export interface MatrixLeg {
  matrix: Record<string, unknown>;
  strategy: Record<string, unknown>;
}

interface Strategy {
  matrix?: unknown;
  'fail-fast'?: unknown;
  'max-parallel'?: unknown;
}

/**
 * The jobs of `strategy.matrix` as GitHub expands it: the product of the keys' value lists,
 * minus `exclude` (partial matches), then `include` (extending matching combinations,
 * else added). Undefined for a job without a matrix. An empty product is an error, as
 * on GitHub ("Matrix vector … does not contain any values").
 */
export function matrixLegs(strategy: unknown, contexts: ExpressionContexts): MatrixLeg[] | undefined {
  if (!strategy || typeof strategy !== 'object' || !('matrix' in strategy)) return undefined;
  const { matrix: raw, 'fail-fast': failFast = true, 'max-parallel': maxParallel } = strategy as Strategy;
  const matrix = evaluateValue(raw, contexts);
  if (!matrix || typeof matrix !== 'object' || Array.isArray(matrix)) throw new Error(`strategy.matrix must be a mapping, got ${JSON.stringify(matrix)}`);
  const { include = [], exclude = [], ...vectors } = matrix as Record<string, unknown>;
  let combinations: Record<string, unknown>[] = [{}];
  for (const [key, values] of Object.entries(vectors)) {
    if (!Array.isArray(values) || values.length === 0) throw new Error(`Matrix vector '${key}' does not contain any values (got ${JSON.stringify(values)})`);
    combinations = combinations.flatMap((combination) => values.map((value) => ({ ...combination, [key]: value })));
  }
  if (Object.keys(vectors).length === 0) combinations = [];
  combinations = combinations.filter((combination) => !listOf(exclude, 'exclude').some((rule) => matches(combination, rule)));
  for (const extra of listOf(include, 'include')) {
    const extended = combinations.filter((combination) => matches(combination, pick(extra, Object.keys(vectors))));
    if (extended.length > 0) extended.forEach((combination) => Object.assign(combination, extra));
    else combinations.push({ ...extra });
  }
  return combinations.map((combination, index) => ({
    matrix: combination,
    strategy: { 'fail-fast': failFast === true || failFast === 'true', 'job-index': index, 'job-total': combinations.length, 'max-parallel': maxParallel ?? combinations.length },
  }));
}

function listOf(value: unknown, name: string): Record<string, unknown>[] {
  if (!Array.isArray(value) || !value.every((item) => item && typeof item === 'object')) throw new Error(`strategy.matrix.${name} must be a list of mappings`);
  return value as Record<string, unknown>[];
}

function matches(combination: Record<string, unknown>, rule: Record<string, unknown>): boolean {
  return Object.entries(rule).every(([key, value]) => JSON.stringify(combination[key]) === JSON.stringify(value));
}

function pick(values: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([key]) => keys.includes(key)));
}

/**
 * One job result for the whole matrix, as `needs` sees it: failure if any job failed
 * (with fail-fast, the jobs after a failure are cancelled: not run here). Outputs as GitHub merges them: each job
 * sets its outputs in the order the jobs finish, and a later job's value replaces an
 * earlier one's (an empty value sets nothing) — so two jobs setting one output race.
 */
export function mergeLegs(id: string, legs: JobRun[]): JobRun {
  const outputs: Record<string, string> = {};
  for (const leg of legs) for (const [name, value] of Object.entries(leg.outputs)) if (value !== '') outputs[name] = value;
  return {
    id,
    result: legs.some((leg) => leg.result === 'failure') ? 'failure' : 'success',
    outputs,
    steps: legs.flatMap((leg) => leg.steps),
    summary: legs.map((leg) => leg.summary).join(''),
    // A matrix of reusable workflow calls: the last call's run stands for the job; `legs` has each.
    ...(legs.at(-1)?.called ? { called: legs.at(-1)!.called } : {}),
    legs,
  };
}
