import { ApiError, requiresAuthentication } from '../api-error.js';
import type { RequestContext } from '../context.js';
import { defineRoute, type Route } from '../router.js';
import { simpleUser } from '../shapes/user.js';
import { urlsOf } from './access.js';

function rateLimit(ctx: RequestContext) {
  const headers = ctx.core.rateHeaders(ctx.principal);
  const rate = {
    limit: Number(headers['x-ratelimit-limit']),
    remaining: Number(headers['x-ratelimit-remaining']),
    reset: Number(headers['x-ratelimit-reset']),
    used: Number(headers['x-ratelimit-used']),
  };
  return { status: 200, body: { resources: { core: rate, search: { ...rate, limit: 30, remaining: 30, used: 0 } }, rate } };
}

function currentUser(ctx: RequestContext) {
  if (ctx.principal.kind === 'anonymous') throw requiresAuthentication();
  if (ctx.principal.kind === 'token' && ctx.principal.token.kind === 'installation') {
    throw new ApiError(403, 'Resource not accessible by integration');
  }
  if (ctx.principal.kind === 'app') throw new ApiError(403, 'Resource not accessible by integration');
  const user = ctx.core.state.user(ctx.principal.login);
  const createdAt = '2020-01-01T00:00:00Z';
  return {
    status: 200,
    body: {
      ...simpleUser(urlsOf(ctx), user),
      name: user.login,
      company: null,
      blog: '',
      location: null,
      email: null,
      hireable: null,
      bio: null,
      public_repos: 0,
      public_gists: 0,
      followers: 0,
      following: 0,
      created_at: createdAt,
      updated_at: createdAt,
    },
  };
}

export const metaRoutes: Route[] = [defineRoute('GET', '/rate_limit', rateLimit), defineRoute('GET', '/user', currentUser)];
