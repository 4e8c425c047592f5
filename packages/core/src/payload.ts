import { RejectedPayload } from './errors.js';
import { EMPTY_TREE_SHA, ZERO_SHA } from './git.js';
import { isGlobPattern } from './glob-feature.js';
import { findPathProblem } from './paths.js';
import { findRepoNameProblem } from './repo-name.js';

/** Version of the client_payload layout; receivers reject versions they do not know. */
export const PAYLOAD_VERSION = 2;
/** GitHub: client_payload may have at most 10 top-level properties. */
export const MAX_PAYLOAD_KEYS = 10;
/**
 * GitHub: the whole request body must be "less than 64KB". Whether that KB is 1,000 or
 * 1,024 bytes is not documented, so the smaller reading holds; a cut file list costs nothing.
 */
export const MAX_BODY_BYTES = 64_000;

/**
 * The client_payload of a repository_dispatch. `updated_feature` and `commit_sha` are the
 * seed-era contract and stay forever; the rest was added in version 2.
 */
export interface DispatchPayload {
  payload_version: number;
  updated_feature: string;
  updated_features: string[];
  commit_sha: string;
  before_sha: string | null;
  source_repo: string | null;
  ref: string | null;
  changed_files: string[];
  /** How many files matched in all; larger than changed_files.length when the list was cut. */
  changed_files_total: number;
}

export interface PayloadInput {
  features: readonly string[];
  files: readonly string[];
  head: string;
  before?: string | undefined;
  sourceRepo?: string | undefined;
  ref?: string | undefined;
}

export function dispatchBodyBytes(eventType: string, payload: DispatchPayload): number {
  return Buffer.byteLength(JSON.stringify({ event_type: eventType, client_payload: payload }));
}

/**
 * Builds the payload and keeps the request body under GitHub's 64 KB by cutting the file
 * list (never the features); `changed_files_total` says how many there were.
 */
export function buildPayload(input: PayloadInput, eventType: string): DispatchPayload {
  if (input.features.length === 0) throw new Error('a dispatch needs at least one feature');
  const payload: DispatchPayload = {
    payload_version: PAYLOAD_VERSION,
    updated_feature: input.features[0]!,
    updated_features: [...input.features],
    commit_sha: input.head,
    before_sha: beforeCommit(input.before),
    source_repo: input.sourceRepo ?? null,
    ref: input.ref ?? null,
    changed_files: [...input.files],
    changed_files_total: input.files.length,
  };
  if (dispatchBodyBytes(eventType, payload) < MAX_BODY_BYTES) return payload;
  // Binary search for the longest prefix of the file list that fits.
  let low = 0;
  let high = input.files.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    payload.changed_files = input.files.slice(0, mid);
    if (dispatchBodyBytes(eventType, payload) < MAX_BODY_BYTES) low = mid;
    else high = mid - 1;
  }
  payload.changed_files = input.files.slice(0, low);
  if (dispatchBodyBytes(eventType, payload) >= MAX_BODY_BYTES) {
    throw new Error(`the feature list alone exceeds GitHub's 64 KB dispatch limit (${input.features.length} features)`);
  }
  return payload;
}

const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/**
 * What stands for "no commit before": GitHub's `before` of a new branch (all zeros), and
 * git's empty tree, which a diff starts from when a push shares no history with the default
 * branch (a first push, an orphan branch). Neither is a commit a receiver could look up.
 */
const NO_COMMIT = new Set([ZERO_SHA, '0'.repeat(64), EMPTY_TREE_SHA, '6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321' /* the empty tree in a SHA-256 repository */]);

/** `before_sha` as sent and as read: a commit, or null when the diff started from nothing. */
function beforeCommit(sha: string | null | undefined): string | null {
  return sha === undefined || sha === null || NO_COMMIT.has(sha) ? null : sha;
}

/**
 * Reads a received client_payload, seed-era (`updated_feature` + `commit_sha` only) or
 * version 2. Only shape is checked here; whether the cousin accepts it is sync's job.
 */
export function parseDispatchPayload(value: unknown): DispatchPayload {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new RejectedPayload('client_payload is not a JSON object');
  const p = value as Record<string, unknown>;
  const version = p.payload_version ?? 1;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1 || version > PAYLOAD_VERSION) {
    throw new RejectedPayload(`payload_version ${JSON.stringify(version)} is not supported (this version reads 1 to ${PAYLOAD_VERSION}); update the cousin's workflow`);
  }
  if (typeof p.commit_sha !== 'string' || !SHA.test(p.commit_sha)) {
    throw new RejectedPayload(`commit_sha ${JSON.stringify(p.commit_sha)} is not a full 40- or 64-character lowercase hex SHA`);
  }
  const features = stringList(p.updated_features, 'updated_features') ?? (typeof p.updated_feature === 'string' ? [p.updated_feature] : undefined);
  if (!features || features.length === 0) throw new RejectedPayload('the payload names no feature (updated_feature / updated_features)');
  const before = p.before_sha;
  if (before !== undefined && before !== null && (typeof before !== 'string' || !SHA.test(before))) {
    throw new RejectedPayload(`before_sha ${JSON.stringify(before)} is not a full 40- or 64-character lowercase hex SHA (or null)`);
  }
  const optionalString = (key: string): string | null => {
    const v = p[key];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') throw new RejectedPayload(`${key} must be a string`);
    return v;
  };
  const files = stringList(p.changed_files, 'changed_files') ?? [];
  return {
    payload_version: version,
    updated_feature: features[0]!,
    updated_features: features,
    commit_sha: p.commit_sha,
    // Zeros and the empty tree read as null, whichever dispatcher version sent them.
    before_sha: beforeCommit(before as string | null | undefined),
    source_repo: optionalString('source_repo'),
    ref: optionalString('ref'),
    changed_files: files,
    changed_files_total: typeof p.changed_files_total === 'number' ? p.changed_files_total : files.length,
  };
}

function stringList(value: unknown, key: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new RejectedPayload(`${key} must be a list of strings`);
  return value as string[];
}

/**
 * Why a receiver would reject this payload before looking at its own config, or undefined:
 * the very parser sync uses, plus what sync requires of a version-2 payload (a source
 * repository) and of every feature (a concrete repository path, never a glob).
 */
export function findUnsendablePayload(payload: DispatchPayload): string | undefined {
  try {
    parseDispatchPayload(JSON.parse(JSON.stringify(payload)));
  } catch (error) {
    if (error instanceof RejectedPayload) return error.message;
    throw error;
  }
  if (payload.source_repo === null) return 'source_repo is missing (sync refuses a version-2 payload without it)';
  const repoProblem = findRepoNameProblem(payload.source_repo);
  if (repoProblem) return `source_repo ${JSON.stringify(payload.source_repo)} ${repoProblem}`;
  for (const feature of payload.updated_features) {
    if (findPathProblem(feature) || isGlobPattern(feature)) return `feature ${JSON.stringify(feature)} is not a concrete repository path`;
  }
  return undefined;
}
