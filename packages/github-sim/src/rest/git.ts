import { ApiError, notFound, validationFailed } from '../api-error.js';
import { ZERO_SHA } from '../bare-repo.js';
import type { RequestContext } from '../context.js';
import { defineRoute, type Handler, type Route } from '../router.js';
import { nodeId } from '../shapes/user.js';
import { withRefLock, type RepoRecord } from '../state.js';
import { recordRefChange } from '../ref-changes.js';
import type { PushEvent } from '../types.js';
import { actorLogin, repoFromParams } from './access.js';

function refShape(ctx: RequestContext, repo: RepoRecord, ref: string, sha: string, type: string): Record<string, unknown> {
  const api = `${ctx.core.apiUrl}/repos/${repo.fullName}`;
  const plural = type === 'tag' ? 'tags' : type === 'tree' ? 'trees' : type === 'blob' ? 'blobs' : 'commits';
  return {
    ref,
    node_id: nodeId('REF', Number.parseInt(sha.slice(0, 8), 16)),
    url: `${api}/git/${ref}`,
    object: { type, sha, url: `${api}/git/${plural}/${sha}` },
  };
}

/** A ref changed through the API is a push as far as listeners are concerned. */
export function emitRefChange(ctx: RequestContext, repo: RepoRecord, ref: string, before: string, after: string): void {
  const event: PushEvent = { repo: repo.fullName, ref, before, after, pusher: actorLogin(ctx) };
  recordRefChange(ctx.core, repo, event, (emit) => ctx.afterResponse(emit));
}

async function getRef(ctx: RequestContext) {
  const repo = repoFromParams(ctx, 'contents', 'read');
  const full = `refs/${ctx.params.ref}`;
  const found = (await repo.git.listRefs(full)).find((entry) => entry.ref === full);
  if (!found) throw notFound();
  return { status: 200, body: refShape(ctx, repo, found.ref, found.sha, found.type) };
}

async function matchingRefs(ctx: RequestContext) {
  const repo = repoFromParams(ctx, 'contents', 'read');
  const prefix = `refs/${ctx.params.ref ?? ''}`;
  const refs = (await repo.git.listRefs('refs/')).filter((entry) => entry.ref.startsWith(prefix));
  return { status: 200, body: refs.map((entry) => refShape(ctx, repo, entry.ref, entry.sha, entry.type)) };
}

async function createRef(ctx: RequestContext) {
  const repo = repoFromParams(ctx, 'contents', 'write');
  const { ref, sha } = ctx.body as { ref: string; sha: string };
  if (!/^refs\/[^/]+\/.+/.test(ref)) throw validationFailed("ref must start with 'refs' and have at least two slashes.");
  if (!(await repo.git.objectExists(sha))) throw validationFailed('Object does not exist');
  if (await repo.git.refSha(ref)) throw validationFailed('Reference already exists');
  await repo.git.updateRef(ref, sha, ZERO_SHA);
  emitRefChange(ctx, repo, ref, ZERO_SHA, sha);
  return { status: 201, body: refShape(ctx, repo, ref, sha, await repo.git.objectType(sha)), headers: { location: `${ctx.core.apiUrl}/repos/${repo.fullName}/git/${ref}` } };
}

async function updateRef(ctx: RequestContext) {
  const repo = repoFromParams(ctx, 'contents', 'write');
  const ref = `refs/${ctx.params.ref}`;
  const { sha, force } = ctx.body as { sha: string; force?: boolean };
  const current = await repo.git.refSha(ref);
  if (!current) throw validationFailed('Reference does not exist');
  if (!(await repo.git.objectExists(sha))) throw validationFailed('Object does not exist');
  if (!force && current !== sha && (await repo.git.mergeBase(current, sha)) !== current) throw validationFailed('Update is not a fast forward');
  await repo.git.updateRef(ref, sha, current);
  if (current !== sha) emitRefChange(ctx, repo, ref, current, sha);
  return { status: 200, body: refShape(ctx, repo, ref, sha, await repo.git.objectType(sha)) };
}

async function deleteRef(ctx: RequestContext) {
  const repo = repoFromParams(ctx, 'contents', 'write');
  const ref = `refs/${ctx.params.ref}`;
  const current = await repo.git.refSha(ref);
  if (!current) throw validationFailed('Reference does not exist');
  if (ref === `refs/heads/${repo.defaultBranch}`) throw new ApiError(422, 'Cannot delete the default branch');
  await repo.git.deleteRef(ref);
  emitRefChange(ctx, repo, ref, current, ZERO_SHA);
  return { status: 204 };
}

/** Serialises a ref-changing handler with pushes and other ref changes of the repository. */
export function refChanging(handler: Handler): Handler {
  return (ctx) => {
    const repo = ctx.core.state.repo(`${ctx.params.owner}/${ctx.params.repo}`);
    return repo ? withRefLock(repo, async () => handler(ctx)) : handler(ctx);
  };
}

export const gitRoutes: Route[] = [
  defineRoute('GET', '/repos/{owner}/{repo}/git/ref/{ref+}', getRef),
  defineRoute('GET', '/repos/{owner}/{repo}/git/matching-refs/{ref+}', matchingRefs),
  defineRoute('GET', '/repos/{owner}/{repo}/git/matching-refs/', matchingRefs, '/repos/{owner}/{repo}/git/matching-refs/{ref}'),
  defineRoute('POST', '/repos/{owner}/{repo}/git/refs', refChanging(createRef)),
  defineRoute('PATCH', '/repos/{owner}/{repo}/git/refs/{ref+}', refChanging(updateRef)),
  defineRoute('DELETE', '/repos/{owner}/{repo}/git/refs/{ref+}', refChanging(deleteRef)),
];
