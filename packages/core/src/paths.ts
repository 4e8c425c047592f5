/**
 * Path rules, in one place. Repository paths are POSIX, relative, case-sensitive (like
 * git), with no `..`, no empty segments; a trailing `/` is ignored.
 */

export type PathProblem =
  | 'empty'
  | 'absolute'
  | 'backslash'
  | 'parent-segment'
  | 'dot-segment'
  | 'empty-segment'
  | 'control-character';

const PROBLEM_TEXT: Record<PathProblem, string> = {
  empty: 'is empty',
  absolute: 'is absolute; write it relative to the repository root, without a leading "/"',
  backslash: 'contains a backslash; use "/" between folders',
  'parent-segment': 'contains ".."; paths must stay inside the repository',
  'dot-segment': 'contains a "." segment; remove it',
  'empty-segment': 'contains an empty segment ("//"); remove the extra "/"',
  'control-character': 'contains a control character',
};

export function describePathProblem(problem: PathProblem): string {
  return PROBLEM_TEXT[problem];
}

/** Why `raw` is not a valid repository path, or undefined when it is. */
export function findPathProblem(raw: string): PathProblem | undefined {
  const path = raw.endsWith('/') ? raw.slice(0, -1) : raw;
  if (path.length === 0) return raw.length === 0 ? 'empty' : 'absolute';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'absolute';
  if (path.includes('\\')) return 'backslash';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'control-character';
  for (const segment of path.split('/')) {
    if (segment === '') return 'empty-segment';
    if (segment === '..') return 'parent-segment';
    if (segment === '.') return 'dot-segment';
  }
  return undefined;
}

export class PathRuleError extends Error {
  readonly path: string;
  readonly problem: PathProblem;
  constructor(path: string, problem: PathProblem) {
    super(`path ${JSON.stringify(path)} ${describePathProblem(problem)}`);
    this.path = path;
    this.problem = problem;
  }
}

/** Returns the canonical form of a repository path (trailing `/` dropped) or throws PathRuleError. */
export function normalizeRepoPath(raw: string): string {
  const problem = findPathProblem(raw);
  if (problem) throw new PathRuleError(raw, problem);
  return raw.endsWith('/') ? raw.slice(0, -1) : raw;
}

/** `path` equals `base` or lies under it, on segment boundaries. `""` is the root and contains everything. */
export function isPathWithin(path: string, base: string): boolean {
  if (base === '') return true;
  return path === base || (path.startsWith(base) && path.charCodeAt(base.length) === 47 /* "/" */);
}

/** Re-roots `path` from under `from` to under `to` (`to` may be "" for the repository root). */
export function mapPath(path: string, from: string, to: string): string {
  if (!isPathWithin(path, from)) throw new Error(`${path} is not under ${from}`);
  const rest = from === '' ? path : path.slice(from.length + 1);
  if (to === '' || to === '.') return rest;
  return rest === '' ? to : `${to}/${rest}`;
}
