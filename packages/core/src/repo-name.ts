/** GitHub repository names, by GitHub's rules. Owner and name compare case-insensitively. */

const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const NAME = /^[A-Za-z0-9._-]{1,100}$/;

export interface RepoName {
  owner: string;
  name: string;
  fullName: string;
}

/** Why `raw` is not `owner/name`, with the fix when one is obvious; undefined when valid. */
export function findRepoNameProblem(raw: string): string | undefined {
  const url = /^(?:https?:\/\/|git@|ssh:\/\/)[^/:]+[/:]([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(raw);
  if (url) return `is a URL; write "${url[1]}/${url[2]}"`;
  if (raw.endsWith('.git')) return `ends with ".git"; write "${raw.slice(0, -4)}"`;
  const parts = raw.split('/');
  if (parts.length === 1) return `has no owner; write "OWNER/${raw}"`;
  if (parts.length !== 2) return 'must be "owner/name" with exactly one "/"';
  const [owner = '', name = ''] = parts;
  if (!OWNER.test(owner)) {
    return `has an invalid owner "${owner}": 1-39 letters, digits or single hyphens, not starting or ending with a hyphen`;
  }
  if (!NAME.test(name) || name === '.' || name === '..') {
    return `has an invalid name "${name}": 1-100 of A-Z a-z 0-9 . _ -, and not "." or ".."`;
  }
  return undefined;
}

export function parseRepoName(raw: string): RepoName {
  const problem = findRepoNameProblem(raw);
  if (problem) throw new Error(`repository ${JSON.stringify(raw)} ${problem}`);
  const [owner = '', name = ''] = raw.split('/');
  return { owner, name, fullName: raw };
}

/** GitHub treats `User/Repo` and `user/repo` as the same repository. */
export function repoKey(fullName: string): string {
  return fullName.toLowerCase();
}

/**
 * `owner/name` of a GitHub or GHES remote URL: https://host/owner/name(.git),
 * ssh://[user@]host[:port]/owner/name(.git), user@host:owner/name(.git). Local paths,
 * file:// URLs and anything with more path segments are not GitHub repositories.
 */
export function repoFromRemoteUrl(url: string): string | undefined {
  const match =
    /^(?:https?|ssh|git):\/\/(?:[^@/]+@)?[^/]+\/([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(url) ??
    /^[^@/:]+@[^/:]+:\/?([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(url);
  if (!match) return undefined;
  const name = `${match[1]}/${match[2]}`;
  return findRepoNameProblem(name) ? undefined : name;
}
