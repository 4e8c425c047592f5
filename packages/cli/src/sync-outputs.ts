import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readTextFile, unreadableReason, UsageError } from '@ecosystem-dispatcher/core';
import { featureSlug, type SyncRunResult } from '@ecosystem-dispatcher/sync';

/** create-pull-request's `pull-request-operation` values. */
export type PullOperation = 'created' | 'updated' | 'closed' | 'none';
const OPERATIONS: readonly string[] = ['created', 'updated', 'closed', 'none'];

/** What one feature's sync did to its pull request, as the workflow outputs report it. */
export interface SyncOutcome {
  feature: string;
  operation: PullOperation;
  /** The feature's sync pull request, when there is one (also for `closed` and an untouched open one). */
  number: number | null;
  url: string | null;
}

export function outcomesOf(result: SyncRunResult): SyncOutcome[] {
  return result.features.map((feature) => ({
    feature: feature.feature,
    operation: feature.pullOperation ?? 'none',
    number: feature.pull?.number ?? null,
    url: feature.pull?.htmlUrl ?? null,
  }));
}

/**
 * The outputs of `ecosystem sync` and of cousin-sync.yml: four JSON lists of one length,
 * one entry per feature, in the order of `features` (features sorted by path).
 */
export function outputsOf(outcomes: readonly SyncOutcome[]): Record<string, string> {
  const sorted = [...outcomes].sort((a, b) => (a.feature < b.feature ? -1 : a.feature > b.feature ? 1 : 0));
  return {
    features: JSON.stringify(sorted.map((o) => o.feature)),
    'pull-request-number': JSON.stringify(sorted.map((o) => o.number)),
    'pull-request-url': JSON.stringify(sorted.map((o) => o.url)),
    'pull-request-operation': JSON.stringify(sorted.map((o) => o.operation)),
  };
}

/**
 * The name of one job's results file and artifact: unique per feature (the generated
 * cousin workflow calls the reusable one once per feature, all in one workflow run) and
 * per run attempt (a re-run's file sorts after, and wins over, the first attempt's).
 */
export function resultsKey(runAttempt: string | undefined, features: readonly string[]): string {
  const attempt = /^\d+$/.test(runAttempt ?? '') ? runAttempt : '1';
  return `${attempt}-${features.length === 1 ? featureSlug(features[0]!) : 'all'}`;
}

/** `--results DIR`: what this run did, for a later `--collect-results` (one file per matrix job). */
export async function writeOutcomes(file: string, outcomes: readonly SyncOutcome[]): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify({ outcomes }, null, 2)}\n`);
}

/**
 * `--collect-results DIR`: every results file under DIR (the artifacts of a workflow's
 * matrix jobs, downloaded into one folder), merged. A feature present twice (a re-run job)
 * keeps the entry of the file read last in name order.
 */
export async function collectOutcomes(dir: string): Promise<SyncOutcome[]> {
  let names: string[];
  try {
    names = (await readdir(dir, { recursive: true })).filter((name) => name.endsWith('.json')).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  } catch (error) {
    throw new UsageError(`cannot read the results folder ${dir}: ${unreadableReason(error)}`);
  }
  const byFeature = new Map<string, SyncOutcome>();
  for (const name of names) {
    for (const outcome of parseOutcomes(await readTextFile(join(dir, name)), join(dir, name))) byFeature.set(outcome.feature, outcome);
  }
  return [...byFeature.values()];
}

function parseOutcomes(text: string, file: string): SyncOutcome[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError(`${file} is not JSON; expected what ecosystem sync --results writes`);
  }
  const outcomes = (parsed as { outcomes?: unknown } | null)?.outcomes;
  if (!Array.isArray(outcomes) || !outcomes.every(isOutcome)) throw new UsageError(`${file}: "outcomes" must be a list of { feature, operation, number, url }, as ecosystem sync --results writes`);
  return outcomes;
}

function isOutcome(value: unknown): value is SyncOutcome {
  if (!value || typeof value !== 'object') return false;
  const o = value as Record<string, unknown>;
  return (
    typeof o.feature === 'string' && typeof o.operation === 'string' && OPERATIONS.includes(o.operation) &&
    (o.number === null || Number.isInteger(o.number)) && (o.url === null || typeof o.url === 'string')
  );
}
