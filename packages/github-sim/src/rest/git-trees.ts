import { notFound } from '../api-error.js';
import type { RequestContext } from '../context.js';
import { defineRoute, type Route } from '../router.js';
import { repoFromParams } from './access.js';

// GitHub cuts a recursive listing at 100,000 entries and says so with `truncated: true`.
const MAX_RECURSIVE_ENTRIES = 100_000;

/** `GET /git/trees/{tree_sha}`: a tree SHA, or a commit SHA or branch name whose tree is listed. */
async function getTree(ctx: RequestContext) {
  const repo = repoFromParams(ctx, 'contents', 'read');
  const wanted = ctx.params.tree_sha!;
  if (wanted.startsWith('-') || wanted.includes('..')) throw notFound();
  const resolved = await repo.git.run(['rev-parse', '--verify', '--quiet', `${wanted}^{tree}`], { allowFailure: true });
  const tree = resolved.code === 0 ? resolved.stdout.trim() : undefined;
  if (!tree) throw notFound();
  // GitHub treats any value of `recursive` as true, even "false" or "0"; absence means one level.
  const recursive = ctx.query.has('recursive');
  const text = await repo.git.out(['ls-tree', '-z', '-l', ...(recursive ? ['-r', '-t'] : []), tree]);
  const api = `${ctx.core.apiUrl}/repos/${repo.fullName}/git`;
  const entries = text.split('\0').filter(Boolean).map((line) => {
    const tab = line.indexOf('\t');
    const [mode, type, sha, size] = line.slice(0, tab).trim().split(/\s+/);
    const path = line.slice(tab + 1);
    const plural = type === 'tree' ? 'trees' : 'blobs';
    return { path, mode: mode!, type: type!, sha: sha!, ...(type === 'blob' ? { size: Number(size) } : {}), ...(type === 'commit' ? {} : { url: `${api}/${plural}/${sha}` }) };
  });
  const truncated = entries.length > MAX_RECURSIVE_ENTRIES;
  return { status: 200, body: { sha: tree, url: `${api}/trees/${tree}`, tree: entries.slice(0, MAX_RECURSIVE_ENTRIES), truncated } };
}

export const gitTreeRoutes: Route[] = [defineRoute('GET', '/repos/{owner}/{repo}/git/trees/{tree_sha}', getTree)];
