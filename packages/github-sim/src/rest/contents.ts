import { ApiError, notFound } from '../api-error.js';
import type { RequestContext } from '../context.js';
import { paginate } from '../pagination.js';
import { defineRoute, type Route } from '../router.js';
import { commitShape } from '../shapes/commit.js';
import type { RepoRecord } from '../state.js';
import { repoFromParams, urlsOf } from './access.js';

function entryLinks(ctx: RequestContext, repo: RepoRecord, path: string, sha: string, type: string, ref: string) {
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  const self = `${ctx.core.apiUrl}/repos/${repo.fullName}/contents/${encoded}?ref=${encodeURIComponent(ref)}`;
  const git = `${ctx.core.apiUrl}/repos/${repo.fullName}/git/${type === 'dir' ? 'trees' : 'blobs'}/${sha}`;
  const html = `${ctx.core.webUrl}/${repo.fullName}/${type === 'dir' ? 'tree' : 'blob'}/${ref}/${encoded}`;
  const download = type === 'file' ? `${ctx.core.webUrl}/${repo.fullName}/raw/${ref}/${encoded}` : null;
  return { url: self, git_url: git, html_url: html, download_url: download, _links: { self, git, html } };
}

// In a folder listing GitHub types a submodule as "file", "for backwards compatibility".
function entryType(mode: string, type: string): 'file' | 'dir' | 'symlink' {
  if (type === 'tree') return 'dir';
  return mode === '120000' ? 'symlink' : 'file';
}

async function getContents(ctx: RequestContext) {
  const repo = repoFromParams(ctx, 'contents', 'read');
  const ref = ctx.query.get('ref') ?? repo.defaultBranch;
  const commit = await repo.git.resolveCommit(ref);
  if (!commit) throw notFound();
  const path = (ctx.params.path ?? '').replace(/^\/+|\/+$/g, '');
  const object = path === '' ? { type: 'tree', sha: '' } : await repo.git.pathObject(commit, path);
  if (!object) throw notFound();
  if (object.type === 'tree') {
    // A folder lists at most 1,000 entries; the rest needs the Git Trees API.
    const entries = (await repo.git.lsTree(commit, path)).slice(0, ctx.core.rules.maxDirectoryEntries);
    const body = entries.map((entry) => {
      const type = entryType(entry.mode, entry.type);
      return { type, size: entry.size, name: entry.path.split('/').pop()!, path: entry.path, sha: entry.sha, ...entryLinks(ctx, repo, entry.path, entry.sha, type, ref) };
    });
    return { status: 200, body };
  }
  const size = await repo.git.blobSize(object.sha);
  if (size > ctx.core.rules.maxFileBytes) throw tooLarge();
  const inline = size <= ctx.core.rules.maxInlineFileBytes;
  const content = inline ? await repo.git.readBlob(object.sha) : Buffer.alloc(0);
  return {
    status: 200,
    body: {
      type: 'file',
      // Files over 1 MB come without content: `encoding: "none"` and an empty string.
      encoding: inline ? 'base64' : 'none',
      size,
      name: path.split('/').pop()!,
      path,
      // GitHub wraps base64 at 60 characters.
      content: (content.toString('base64').match(/.{1,60}/g) ?? []).join('\n'),
      sha: object.sha,
      ...entryLinks(ctx, repo, path, object.sha, 'file', ref),
    },
  };
}

function tooLarge(): ApiError {
  return new ApiError(
    403,
    'This API returns blobs up to 1 MB in size. The requested blob is too large to fetch via the API, but you can use the Git Data API to request blobs up to 100 MB in size.',
    { errors: [{ resource: 'Blob', field: 'data', code: 'too_large' }] },
  );
}

function branchLinks(ctx: RequestContext, repo: RepoRecord, name: string) {
  return {
    self: `${ctx.core.apiUrl}/repos/${repo.fullName}/branches/${name}`,
    html: `${ctx.core.webUrl}/${repo.fullName}/tree/${name}`,
  };
}

async function getBranch(ctx: RequestContext) {
  const repo = repoFromParams(ctx, 'contents', 'read');
  const name = ctx.params.branch!;
  const sha = await repo.git.refSha(`refs/heads/${name}`);
  if (!sha) throw notFound();
  const protectionUrl = `${ctx.core.apiUrl}/repos/${repo.fullName}/branches/${name}/protection`;
  return {
    status: 200,
    body: {
      name,
      commit: commitShape(urlsOf(ctx), repo, await repo.git.commitMeta(sha)),
      _links: branchLinks(ctx, repo, name),
      protected: false,
      protection: { enabled: false, required_status_checks: { enforcement_level: 'off', contexts: [], checks: [] } },
      protection_url: protectionUrl,
    },
  };
}

async function listBranches(ctx: RequestContext) {
  const repo = repoFromParams(ctx, 'contents', 'read');
  const refs = await repo.git.listRefs('refs/heads/');
  const all = refs.map((entry) => {
    const name = entry.ref.slice('refs/heads/'.length);
    return { name, commit: { sha: entry.sha, url: `${ctx.core.apiUrl}/repos/${repo.fullName}/commits/${entry.sha}` }, protected: false };
  });
  const { items, headers } = paginate(ctx, all);
  return { status: 200, body: items, headers };
}

export const contentRoutes: Route[] = [
  defineRoute('GET', '/repos/{owner}/{repo}/contents/{path+}', getContents),
  defineRoute('GET', '/repos/{owner}/{repo}/contents/', getContents, '/repos/{owner}/{repo}/contents/{path}'),
  defineRoute('GET', '/repos/{owner}/{repo}/contents', getContents, '/repos/{owner}/{repo}/contents/{path}'),
  defineRoute('GET', '/repos/{owner}/{repo}/branches', listBranches),
  defineRoute('GET', '/repos/{owner}/{repo}/branches/{branch+}', getBranch),
];
