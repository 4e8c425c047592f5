import type { ChangeRange } from './changes.js';
import { UsageError } from './errors.js';

/** The parts of a GitHub event that decide what to diff and what the payload names. */
export interface EventContext {
  range: ChangeRange;
  /** `owner/name` of the repository the event came from. */
  sourceRepo: string | undefined;
  /** The git ref the event is about (refs/heads/main, refs/pull/1/merge…). */
  ref: string | undefined;
  defaultBranch: string | undefined;
}

interface EventShape {
  before?: string;
  after?: string;
  ref?: string;
  repository?: { full_name?: string; default_branch?: string };
  pull_request?: { base?: { sha?: string }; head?: { sha?: string }; number?: number };
  merge_group?: { base_sha?: string; head_sha?: string; head_ref?: string };
}

/**
 * Reads a push, pull_request or merge_group event (the JSON at $GITHUB_EVENT_PATH).
 * `eventName` ($GITHUB_EVENT_NAME) wins when given; otherwise the shape decides.
 */
export function readEventContext(event: unknown, eventName?: string, file = 'event'): EventContext {
  if (!event || typeof event !== 'object') throw new UsageError(`${file}: the event is not a JSON object`);
  const e = event as EventShape;
  const repo = { sourceRepo: e.repository?.full_name, defaultBranch: e.repository?.default_branch };
  const name = eventName ?? (e.merge_group ? 'merge_group' : e.pull_request ? 'pull_request' : 'push');
  if (name === 'merge_group') {
    const base = e.merge_group?.base_sha;
    const head = e.merge_group?.head_sha;
    if (!base || !head) throw new UsageError(`${file}: merge_group event without base_sha/head_sha`);
    return { ...repo, range: { kind: 'merge_group', base, head }, ref: e.merge_group?.head_ref };
  }
  if (name === 'pull_request' || name === 'pull_request_target') {
    const base = e.pull_request?.base?.sha;
    const head = e.pull_request?.head?.sha;
    if (!base || !head) throw new UsageError(`${file}: pull_request event without base.sha/head.sha`);
    return { ...repo, range: { kind: 'pull_request', base, head }, ref: e.pull_request?.number ? `refs/pull/${e.pull_request.number}/merge` : undefined };
  }
  if (name !== 'push') throw new UsageError(`${file}: cannot plan from a ${name} event; use push, pull_request or merge_group`);
  if (!e.before || !e.after) throw new UsageError(`${file}: push event without before/after`);
  return {
    ...repo,
    range: { kind: 'push', before: e.before, after: e.after, ...(repo.defaultBranch ? { defaultBranch: repo.defaultBranch } : {}) },
    ref: e.ref,
  };
}
