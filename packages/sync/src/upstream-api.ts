import type { Octokit } from '@ecosystem-dispatcher/github';

/**
 * The monorepo's REST API (GitHub, GHES or github-sim), already authenticated: one
 * keep-alive connection that answers in a round trip what git would need a fetch per
 * path level for.
 */
export interface UpstreamApi {
  octokit: Octokit;
  owner: string;
  repo: string;
}

/**
 * The tree oid of a feature folder at a commit, from its parent folder's listing
 * (`GET /repos/{o}/{r}/contents/{parent}?ref=SHA` names each entry with its `sha`).
 * Undefined whenever the answer is not a plain folder entry — absent, a file, a listing
 * cut short, an error: git's own path walk then decides.
 */
export async function featureTreeFromApi(api: UpstreamApi, commit: string, feature: string): Promise<string | undefined> {
  const slash = feature.lastIndexOf('/');
  const parent = slash === -1 ? '' : feature.slice(0, slash);
  const name = feature.slice(slash + 1);
  if (name === '') return undefined;
  try {
    const { data } = await api.octokit.rest.repos.getContent({ owner: api.owner, repo: api.repo, path: parent, ref: commit });
    if (!Array.isArray(data)) return undefined;
    const entry = data.find((e) => e.name === name);
    return entry?.type === 'dir' && /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(entry.sha) ? entry.sha : undefined;
  } catch {
    return undefined;
  }
}

const PAGE = 100;

/**
 * Commits reachable from `to` that touch the feature, newest first, as far as they are in
 * `range` — the server's path-limited log (`GET /repos/{o}/{r}/commits?sha=&path=`).
 * Only asked for a range without merges: there the walk from `to` lists the range first,
 * so the first commit outside it ends the list, and the answer is exactly
 * `git log from..to -- feature`. Undefined on any error (git then walks the trees itself).
 */
export async function touchingFromApi(api: UpstreamApi, to: string, feature: string, range: ReadonlySet<string>, limit: number): Promise<string[] | undefined> {
  const touching: string[] = [];
  try {
    for (let page = 1; page <= Math.ceil(range.size / PAGE) + 1; page++) {
      const { data } = await api.octokit.rest.repos.listCommits({ owner: api.owner, repo: api.repo, sha: to, path: feature, per_page: PAGE, page });
      for (const commit of data) {
        if (!range.has(commit.sha) || touching.length >= limit) return touching;
        touching.push(commit.sha);
      }
      if (data.length < PAGE) return touching;
    }
    return touching;
  } catch {
    return undefined;
  }
}
