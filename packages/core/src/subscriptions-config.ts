import { ConfigError } from './errors.js';
import { describeLocation } from './ecosystem-config.js';
import { readTextFile } from './text-file.js';
import { DEFAULT_PROTECT } from './protected-paths.js';
import type { Method, PullRequestOptions, SubscriptionsFile, SubscriptionsObject } from './generated/subscriptions-file.js';
import { parseJsonDocument, type JsonDocument, type JsonPath } from './json-document.js';
import { describePathProblem, findPathProblem } from './paths.js';
import { instancePathToJsonPath, relevantSchemaErrors, validateSubscriptionsFile } from './schema.js';

export type SyncMethod = Method;
export const DEFAULT_MAX_AGE_DAYS = 30;
export const DEFAULT_BRANCH_PREFIX = 'ecosystem/sync/';

/** One followed upstream path, where it lands in the cousin and how it is brought in. */
export interface CousinSubscription {
  /** The upstream path, normalised: the feature's name in dispatch payloads. */
  path: string;
  /** Destination folder in the cousin; "" is the repository root. */
  to: string;
  method: SyncMethod;
}

export interface CousinConfig {
  file: string;
  upstream: string | undefined;
  subscriptions: CousinSubscription[];
  pullRequest: Required<PullRequestOptions>;
  maxAgeDays: number;
  /** The cousin's `protect` patterns (DEFAULT_PROTECT when the file sets none). */
  protect: string[];
}

export async function readCousinConfig(file: string): Promise<CousinConfig> {
  return parseCousinConfig(await readTextFile(file), file);
}

export function parseCousinConfig(text: string, file: string): CousinConfig {
  const document = parseJsonDocument(text, file);
  const result = validateSubscriptionsFile(document.value);
  if (!result.valid) {
    const [first] = relevantSchemaErrors(result.errors);
    const path = instancePathToJsonPath(first?.instancePath ?? '');
    throw positioned(document, path, `${describeLocation(path)} ${first?.message ?? 'is invalid'}`);
  }
  return normalizeCousinConfig(result.value!, document);
}

export function normalizeCousinConfig(raw: SubscriptionsFile, document: JsonDocument): CousinConfig {
  const object = Array.isArray(raw) ? { subscriptions: raw } : raw;
  const method: SyncMethod = (Array.isArray(raw) ? undefined : raw.method) ?? 'patch';
  const listed = Array.isArray(object.subscriptions)
    ? object.subscriptions.map((entry, i) => ({ entry: typeof entry === 'string' ? { path: entry } : entry, at: ['subscriptions', i] as JsonPath }))
    : Object.entries(object.subscriptions).map(([path, value]) => ({
        entry: typeof value === 'string' ? { path, to: value } : { path, ...value },
        at: ['subscriptions', path] as JsonPath,
      }));
  const at = (path: JsonPath) => (Array.isArray(raw) ? path.slice(1) : path);
  const subscriptions = listed.map(({ entry, at: where }): CousinSubscription => {
    const path = checkedPath(entry.path, document, at(where), false);
    const to = entry.to === undefined ? path : checkedPath(entry.to, document, at(where), true);
    return { path, to, method: entry.method ?? method };
  });
  const options: Partial<SubscriptionsObject> = Array.isArray(raw) ? {} : raw;
  return {
    file: document.file,
    upstream: options.upstream,
    subscriptions,
    pullRequest: {
      labels: options.pullRequest?.labels ?? [],
      reviewers: options.pullRequest?.reviewers ?? [],
      assignees: options.pullRequest?.assignees ?? [],
      branchPrefix: options.pullRequest?.branchPrefix ?? DEFAULT_BRANCH_PREFIX,
      draftOnConflict: options.pullRequest?.draftOnConflict ?? false,
    },
    maxAgeDays: options.maxAgeDays ?? DEFAULT_MAX_AGE_DAYS,
    protect: options.protect ?? [...DEFAULT_PROTECT],
  };
}

/** Destinations may be "." (the cousin's root); upstream paths may not. */
function checkedPath(value: string, document: JsonDocument, path: JsonPath, destination: boolean): string {
  if (destination && (value === '.' || value === './')) return '';
  const problem = findPathProblem(value);
  if (problem) throw positioned(document, path, `${destination ? 'destination' : 'path'} ${JSON.stringify(value)} ${describePathProblem(problem)}`);
  return value.endsWith('/') ? value.slice(0, -1) : value;
}

function positioned(document: JsonDocument, path: JsonPath, message: string): ConfigError {
  const at = document.positionOf(path);
  return new ConfigError(message, { file: document.file, line: at.line, column: at.column });
}
