import type { IncomingHttpHeaders } from 'node:http';
import { ApiError, badCredentials, notFound, requiresAuthentication } from './api-error.js';
import type { RateIdentity } from './primary-limits.js';
import type { RepoRecord, SimState } from './state.js';
import type { TokenRecord, TokenStore } from './tokens.js';
import type { Access, PermissionName } from './types.js';

export type Principal =
  | { kind: 'anonymous'; login?: undefined }
  | { kind: 'token'; login: string; token: TokenRecord }
  | { kind: 'app'; login: string; appId: number };

export interface AppVerifier {
  /** Returns the app id a JWT proves, or undefined when the string is not a JWT of a known app. */
  verifyJwt(jwt: string): number | undefined;
  appSlug(appId: number): string;
}

/** The credential of a request: `token X`, `Bearer X`, or Basic with the token as password. */
export function credentialFrom(headers: IncomingHttpHeaders): string | undefined {
  const header = headers.authorization;
  if (!header) return undefined;
  const [scheme, value] = header.trim().split(/\s+/, 2);
  if (!scheme || !value) return undefined;
  const lower = scheme.toLowerCase();
  if (lower === 'token' || lower === 'bearer') return value;
  if (lower === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon === -1 ? decoded : decoded.slice(colon + 1);
  }
  return undefined;
}

export function identify(headers: IncomingHttpHeaders, tokens: TokenStore, apps: AppVerifier): Principal {
  const credential = credentialFrom(headers);
  if (credential === undefined) return { kind: 'anonymous' };
  const token = tokens.lookup(credential);
  if (token) return { kind: 'token', login: token.login, token };
  if (credential.split('.').length === 3) {
    const appId = apps.verifyJwt(credential);
    if (appId !== undefined) return { kind: 'app', login: `${apps.appSlug(appId)}[bot]`, appId };
    throw new ApiError(401, 'A JSON web token could not be decoded');
  }
  throw badCredentials();
}

function tokenSeesRepo(token: TokenRecord, repo: RepoRecord): boolean {
  if (token.account !== undefined && token.account !== repo.owner.toLowerCase()) return false;
  return token.repos === '*' || token.repos.has(repo.fullName.toLowerCase());
}

function forbidden(principal: Principal): ApiError {
  const by = principal.kind === 'token' && (principal.token.kind === 'installation' || principal.token.kind === 'actions') ? 'integration' : 'personal access token';
  return new ApiError(403, `Resource not accessible by ${by}`);
}

/**
 * GitHub's rules: a repository the caller cannot see is 404 (never 403, so its
 * existence does not leak); a missing token on a private resource or any write is
 * 401; a visible repository without the needed permission is 403.
 */
export function authorizeRepo(principal: Principal, repo: RepoRecord | undefined, permission: PermissionName, access: Access): RepoRecord {
  if (principal.kind === 'anonymous') {
    // A private repository is as invisible to a caller without a token as to any other stranger.
    if (!repo || repo.private) throw notFound();
    if (access === 'read') return repo;
    throw requiresAuthentication();
  }
  if (!repo) throw notFound();
  if (principal.kind === 'app') throw forbidden(principal);
  const token = principal.token;
  if (token.kind === 'admin') return repo;
  const sees = tokenSeesRepo(token, repo);
  if (!sees) {
    if (repo.private) throw notFound();
    if (access === 'read') return repo;
    throw forbidden(principal);
  }
  const granted = token.permissions[permission];
  if (granted === 'write' || (granted === 'read' && access === 'read')) return repo;
  throw forbidden(principal);
}

/** Can the principal read this repository at all (metadata)? */
export function canSee(principal: Principal, repo: RepoRecord): boolean {
  if (!repo.private) return true;
  if (principal.kind !== 'token') return false;
  return principal.token.kind === 'admin' || tokenSeesRepo(principal.token, repo);
}

/**
 * Whose budget a request spends: the user of a PAT, the installation, the app, one
 * repository for a GITHUB_TOKEN-like `actions` token, or the anonymous caller.
 */
export function rateIdentity(principal: Principal, state: SimState): RateIdentity {
  if (principal.kind === 'anonymous') return { key: 'anonymous', kind: 'anonymous', label: '127.0.0.1' };
  if (principal.kind === 'app') return { key: `app:${principal.appId}`, kind: 'app', label: String(principal.appId) };
  const token = principal.token;
  if (token.kind === 'actions') {
    const repo = token.repos === '*' ? '*' : [...token.repos][0];
    return { key: `actions:${repo}`, kind: 'actions', label: String(token.installationId ?? 0) };
  }
  if (token.kind === 'installation') {
    const repos = token.repos === '*' ? [...state.repos.values()].filter((repo) => repo.owner.toLowerCase() === token.account).length : token.repos.size;
    return { key: `installation:${token.installationId}`, kind: 'installation', label: String(token.installationId), repos };
  }
  return { key: `user:${token.login.toLowerCase()}`, kind: 'pat', label: String(state.user(token.login).id) };
}
