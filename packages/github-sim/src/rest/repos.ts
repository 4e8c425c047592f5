import type { Principal } from '../auth.js';
import type { RequestContext } from '../context.js';
import { defineRoute, type Route } from '../router.js';
import { fullRepositoryShape } from '../shapes/repository.js';
import type { RepoRecord } from '../state.js';
import { repoFromParams, urlsOf } from './access.js';

/** The `permissions` block GitHub adds for an authenticated caller. */
function permissionsOf(principal: Principal, repo: RepoRecord): Record<string, boolean> | undefined {
  if (principal.kind !== 'token') return undefined;
  const token = principal.token;
  const sees = token.kind === 'admin' || token.repos === '*' || token.repos.has(repo.fullName.toLowerCase());
  const push = token.kind === 'admin' || (sees && token.permissions.contents === 'write');
  return { admin: token.kind === 'admin', maintain: token.kind === 'admin', push, triage: push, pull: true };
}

function getRepo(ctx: RequestContext) {
  const repo = repoFromParams(ctx, 'metadata', 'read');
  return { status: 200, body: fullRepositoryShape(urlsOf(ctx), ctx.core.state, repo, permissionsOf(ctx.principal, repo)) };
}

export const repoRoutes: Route[] = [defineRoute('GET', '/repos/{owner}/{repo}', getRepo)];
