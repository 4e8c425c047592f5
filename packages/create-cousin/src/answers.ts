import path from 'node:path';
import { DEFAULT_EVENT_TYPE, describePathProblem, findPathProblem, findRepoNameProblem, isGlobPattern, isPathWithin, repoKey, UsageError, type SyncMethod } from '@ecosystem-dispatcher/core';
import { scheduleProblem } from './schedule.js';
import { VERSION } from './version.js';

export const METHODS: readonly SyncMethod[] = ['patch', 'copy', 'cherry-pick', 'squash', 'merge'];
/** Destination meaning "this repository's root". */
export const ROOT = '.';

/** One followed monorepo folder and where it lands in the cousin ("." is the root). */
export interface FeatureSubscription {
  path: string;
  to: string;
}

/** Every answer, checked: what the files are rendered from. */
export interface Answers {
  /** Absolute path of the cousin's folder. */
  dir: string;
  upstream: string;
  subscriptions: FeatureSubscription[];
  method: SyncMethod;
  labels: string[];
  /** The cousin's own owner/name, when known. */
  repo: string | undefined;
  standalone: boolean;
  /** The project ref the workflow pins: a tag like v1.2.3, a branch or a commit SHA. */
  ref: string;
  /** The repository_dispatch event type the monorepo sends this cousin; the workflow listens to exactly it. */
  eventType: string;
  /** GitHub cron of the catch-up run (pull mode for every feature), or undefined for none. */
  schedule: string | undefined;
}

/** Answers as typed on the command line or in a prompt, before any check. */
export interface Draft {
  dir: string;
  upstream: string | undefined;
  subscribe: string[];
  method: string | undefined;
  labels: string | undefined;
  repo: string | undefined;
  standalone: boolean;
  ref: string | undefined;
  /** Default: the monorepo's ecosystem.json (this cousin's entry, else defaults.eventType), else feature-update. */
  eventType?: string | undefined;
  /** `--schedule CRON`; default none. */
  schedule?: string | undefined;
}

export const DEFAULT_REF = `v${VERSION}`;

export function upstreamProblem(value: string): string | undefined {
  return findRepoNameProblem(value);
}

/**
 * The rules of a monorepo feature path: a concrete folder or file, as a dispatch names it.
 * Brackets and parentheses are names (`app/(shop)/[slug]`); `*`, `?`, braces are globs,
 * which a dispatch never carries.
 */
export function featurePathProblem(value: string): string | undefined {
  const problem = findPathProblem(value);
  if (problem) return describePathProblem(problem);
  if (isGlobPattern(value)) {
    return 'is a glob; a dispatch names the concrete folders a glob selects (features/*/flask/** sends features/webpush/flask): subscribe to each folder';
  }
  return undefined;
}

/** GitHub: a repository_dispatch event_type is 1 to 100 characters. */
export function eventTypeProblem(value: string): string | undefined {
  if (value.length === 0 || value.length > 100) return `has ${value.length} characters; GitHub accepts 1 to 100`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'contains a control character';
  return undefined;
}

export function destinationProblem(value: string): string | undefined {
  if (value === ROOT || value === './') return undefined;
  const problem = findPathProblem(value);
  return problem ? describePathProblem(problem) : undefined;
}

/** "features/webpush/flask:app/push" → { path, to }; the destination defaults to the same path. */
export function parseSubscribeSpec(spec: string): FeatureSubscription {
  const colon = spec.indexOf(':');
  const rawPath = colon === -1 ? spec : spec.slice(0, colon);
  const rawTo = colon === -1 ? undefined : spec.slice(colon + 1);
  const pathProblem = featurePathProblem(rawPath);
  if (pathProblem) throw new UsageError(`--subscribe ${JSON.stringify(spec)}: path ${JSON.stringify(rawPath)} ${pathProblem}`);
  const featurePath = trimSlash(rawPath);
  if (rawTo === undefined) return { path: featurePath, to: featurePath };
  const toProblem = destinationProblem(rawTo);
  if (toProblem) throw new UsageError(`--subscribe ${JSON.stringify(spec)}: destination ${JSON.stringify(rawTo)} ${toProblem}`);
  return { path: featurePath, to: rawTo === './' ? ROOT : trimSlash(rawTo) };
}

export function labelsProblem(value: string): string | undefined {
  const labels = value.split(',').map((label) => label.trim());
  if (labels.some((label) => label === '')) return 'has an empty label; separate labels with single commas';
  // GitHub refuses label names over 50 characters.
  const long = labels.find((label) => label.length > 50);
  return long ? `label ${JSON.stringify(long)} is longer than GitHub's 50 characters` : undefined;
}

/** Git's ref-name rules, the part that matters for `uses: …@REF` and npm versions. */
export function refProblem(value: string): string | undefined {
  if (!/^[A-Za-z0-9._/-]{1,255}$/.test(value)) return 'may only hold letters, digits and . _ / -';
  if (/^[-./]/.test(value) || /[./]$/.test(value) || value.endsWith('.lock')) return 'must not start with - . / or end with . / .lock';
  if (value.includes('..') || value.includes('//')) return 'must not contain ".." or "//"';
  return undefined;
}

export function isCommitSha(ref: string): boolean {
  return /^[0-9a-f]{40}$/.test(ref);
}

/** "v1.2.3" → "1.2.3": a standalone workflow installs the tool from npm at that version. */
export function toolVersionOf(ref: string): string | undefined {
  return /^v(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/.exec(ref)?.[1];
}

/** Checks every answer and how they fit together; the first problem is thrown as one line naming its flag. */
export function checkAnswers(draft: Draft): Answers {
  if (draft.upstream === undefined) throw new UsageError('missing --upstream OWNER/MONOREPO');
  const upstreamIssue = upstreamProblem(draft.upstream);
  if (upstreamIssue) throw new UsageError(`--upstream ${JSON.stringify(draft.upstream)} ${upstreamIssue}`);
  if (draft.subscribe.length === 0) throw new UsageError('missing --subscribe PATH[:DEST] (the monorepo feature to follow)');
  const subscriptions = draft.subscribe.map(parseSubscribeSpec);
  checkOverlaps(subscriptions);
  const method = draft.method ?? 'patch';
  if (!(METHODS as readonly string[]).includes(method)) throw new UsageError(`--method must be one of ${METHODS.join(', ')} (got ${JSON.stringify(method)})`);
  if (draft.labels !== undefined) {
    const labelIssue = labelsProblem(draft.labels);
    if (labelIssue) throw new UsageError(`--labels ${JSON.stringify(draft.labels)} ${labelIssue}`);
  }
  const labels = draft.labels === undefined ? [] : [...new Set(draft.labels.split(',').map((label) => label.trim()))];
  const ref = draft.ref ?? DEFAULT_REF;
  const refIssue = refProblem(ref);
  if (refIssue) throw new UsageError(`--ref ${JSON.stringify(ref)} ${refIssue}`);
  if (draft.standalone && !toolVersionOf(ref)) {
    throw new UsageError(`--standalone installs the tool from npm, so --ref must be a release tag like ${DEFAULT_REF} (got ${JSON.stringify(ref)})`);
  }
  if (draft.repo !== undefined) {
    const repoIssue = findRepoNameProblem(draft.repo);
    if (repoIssue) throw new UsageError(`--repo ${JSON.stringify(draft.repo)} ${repoIssue}`);
    if (repoKey(draft.repo) === repoKey(draft.upstream)) throw new UsageError(`--repo ${draft.repo} is the upstream itself; a cousin is another repository`);
  }
  const eventType = draft.eventType ?? DEFAULT_EVENT_TYPE;
  const eventTypeIssue = eventTypeProblem(eventType);
  if (eventTypeIssue) throw new UsageError(`--event-type ${JSON.stringify(eventType)} ${eventTypeIssue}`);
  const schedule = draft.schedule?.trim().split(/\s+/).join(' ') || undefined;
  const scheduleIssue = schedule === undefined ? undefined : scheduleProblem(schedule);
  if (scheduleIssue) throw new UsageError(`--schedule ${JSON.stringify(draft.schedule)} ${scheduleIssue}`);
  return { dir: path.resolve(draft.dir), upstream: draft.upstream, subscriptions, method: method as SyncMethod, labels, repo: draft.repo, standalone: draft.standalone, ref, eventType, schedule };
}

/**
 * A feature listed twice, or one inside another, would be synced twice. (Destinations
 * are checked by the lint rules on the generated subscriptions.json.)
 */
function checkOverlaps(subscriptions: readonly FeatureSubscription[]): void {
  subscriptions.forEach((a, i) => {
    for (const b of subscriptions.slice(i + 1)) {
      if (a.path === b.path) throw new UsageError(`--subscribe ${a.path} is given twice; keep one`);
      if (isPathWithin(a.path, b.path) || isPathWithin(b.path, a.path)) {
        throw new UsageError(`--subscribe ${a.path} and ${b.path} overlap: follow one of them`);
      }
    }
  });
}

function trimSlash(value: string): string {
  return value.endsWith('/') ? value.slice(0, -1) : value;
}
