import { ApiError, notFound, validationFailed } from '../api-error.js';
import type { InstallationRecord } from '../apps.js';
import type { RequestContext } from '../context.js';
import { defineRoute, type Route } from '../router.js';
import { simpleUser, nodeId } from '../shapes/user.js';
import { urlsOf } from './access.js';

/** App endpoints authenticate with the app's JWT, never with a token. */
function appIdOf(ctx: RequestContext): number {
  if (ctx.principal.kind !== 'app') throw new ApiError(401, 'A JSON web token could not be decoded');
  return ctx.principal.appId;
}

function installationShape(ctx: RequestContext, installation: InstallationRecord): Record<string, unknown> {
  const account = ctx.core.state.user(installation.account);
  const api = `${ctx.core.apiUrl}/app/installations/${installation.id}`;
  return {
    id: installation.id,
    account: simpleUser(urlsOf(ctx), account),
    repository_selection: installation.repos === '*' ? 'all' : 'selected',
    access_tokens_url: `${api}/access_tokens`,
    repositories_url: `${ctx.core.apiUrl}/installation/repositories`,
    html_url: `${ctx.core.webUrl}/settings/installations/${installation.id}`,
    app_id: installation.appId,
    app_slug: ctx.core.apps.appSlug(installation.appId),
    target_id: account.id,
    target_type: account.type === 'Organization' ? 'Organization' : 'User',
    permissions: installation.permissions,
    events: [],
    created_at: installation.createdAt,
    updated_at: installation.createdAt,
    single_file_name: null,
    suspended_by: null,
    suspended_at: null,
  };
}

function getApp(ctx: RequestContext) {
  const appId = appIdOf(ctx);
  const app = ctx.core.apps.app(appId)!;
  const slug = ctx.core.apps.appSlug(appId);
  return {
    status: 200,
    body: {
      id: appId,
      slug,
      node_id: nodeId('A', appId),
      client_id: `Iv1.sim${appId}`,
      owner: simpleUser(urlsOf(ctx), ctx.core.state.user('sim-apps', 'Organization')),
      name: slug,
      description: null,
      external_url: `${ctx.core.webUrl}/apps/${slug}`,
      html_url: `${ctx.core.webUrl}/apps/${slug}`,
      created_at: app.createdAt,
      updated_at: app.createdAt,
      permissions: { contents: 'write', issues: 'write', pull_requests: 'write', metadata: 'read' },
      events: [],
      installations_count: app.installations.length,
    },
  };
}

function installationFor(account: string, repo?: string) {
  return (ctx: RequestContext) => {
    const installation = ctx.core.apps.installationFor(appIdOf(ctx), account === 'owner' ? ctx.params.owner! : ctx.params[account]!, repo === undefined ? undefined : `${ctx.params.owner}/${ctx.params.repo}`);
    if (!installation) throw notFound();
    if (repo !== undefined && !ctx.core.state.repo(`${ctx.params.owner}/${ctx.params.repo}`)) throw notFound();
    return { status: 200, body: installationShape(ctx, installation) };
  };
}

function createAccessToken(ctx: RequestContext) {
  const appId = appIdOf(ctx);
  const installation = ctx.core.apps.installationById(appId, Number(ctx.params.installation_id));
  if (!installation) throw notFound();
  const request = (ctx.body ?? {}) as { repositories?: string[]; permissions?: Record<string, string> };
  const narrowed: InstallationRecord = { ...installation };
  if (request.repositories) {
    const names = request.repositories.map((name) => `${installation.account}/${name}`);
    const allowed = installation.repos === '*' ? names : names.filter((name) => (installation.repos as string[]).some((repo) => repo.toLowerCase() === name.toLowerCase()));
    if (allowed.length !== names.length) throw validationFailed('There is at least one repository that does not exist or is not accessible to the parent installation.');
    narrowed.repos = names;
  }
  if (request.permissions) {
    for (const [name, level] of Object.entries(request.permissions)) {
      const granted = installation.permissions[name as keyof typeof installation.permissions];
      if (!granted || (level === 'write' && granted !== 'write')) throw validationFailed(`The permissions requested are not granted to this installation.`);
    }
    narrowed.permissions = { metadata: 'read', ...(request.permissions as typeof installation.permissions) };
  }
  const { token, expiresAt } = ctx.core.apps.createInstallationToken(narrowed, ctx.core.apps.appSlug(appId));
  return {
    status: 201,
    body: {
      token,
      expires_at: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      permissions: narrowed.permissions,
      repository_selection: narrowed.repos === '*' ? 'all' : 'selected',
    },
  };
}

export const appRoutes: Route[] = [
  defineRoute('GET', '/app', getApp),
  defineRoute('GET', '/repos/{owner}/{repo}/installation', installationFor('owner', 'repo')),
  defineRoute('GET', '/users/{username}/installation', installationFor('username')),
  defineRoute('GET', '/orgs/{org}/installation', installationFor('org')),
  defineRoute('POST', '/app/installations/{installation_id}/access_tokens', createAccessToken),
];
