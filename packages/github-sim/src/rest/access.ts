import { authorizeRepo } from '../auth.js';
import type { RequestContext } from '../context.js';
import type { RepoRecord } from '../state.js';
import type { Access, PermissionName } from '../types.js';
import type { Urls } from '../shapes/user.js';

/** The repository named by `{owner}/{repo}`, after GitHub's visibility and permission rules. */
export function repoFromParams(ctx: RequestContext, permission: PermissionName, access: Access): RepoRecord {
  const fullName = `${ctx.params.owner}/${ctx.params.repo}`;
  return authorizeRepo(ctx.principal, ctx.core.state.repo(fullName), permission, access);
}

export function urlsOf(ctx: RequestContext): Urls {
  return { api: ctx.core.apiUrl, web: ctx.core.webUrl };
}

/** The login acting: the token's user, or the app's bot. */
export function actorLogin(ctx: RequestContext): string {
  return ctx.principal.login ?? 'ghost';
}
