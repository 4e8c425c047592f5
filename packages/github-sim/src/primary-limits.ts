import type { RateLimitOptions } from './types.js';

/** Whose primary budget a request spends, and what kind of identity that is. */
export interface RateIdentity {
  key: string;
  kind: 'anonymous' | 'pat' | 'installation' | 'actions' | 'app';
  /** How the refusal names it: a user id, an installation id, an address. */
  label: string;
  /** Repositories an App installation covers: its budget grows with them. */
  repos?: number;
}

// https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#primary-rate-limit-for-authenticated-users
export const PRIMARY_DEFAULTS = {
  anonymous: 60,
  pat: 5000,
  app: 5000,
  actions: 1000,
  installationBase: 5000,
  installationPerRepoOver20: 50,
  installationMax: 12_500,
};

/** The primary limit per hour of one identity, after the options. */
export function primaryQuota(identity: RateIdentity, options: RateLimitOptions): number {
  if (options.limit !== undefined) return options.limit;
  const limits = { ...PRIMARY_DEFAULTS, ...options.primary };
  switch (identity.kind) {
    case 'anonymous':
      return limits.anonymous;
    case 'pat':
      return limits.pat;
    case 'app':
      return limits.app;
    case 'actions':
      return limits.actions;
    case 'installation': {
      const extra = Math.max((identity.repos ?? 0) - 20, 0) * limits.installationPerRepoOver20;
      return Math.min(limits.installationBase + extra, limits.installationMax);
    }
  }
}

export function primaryRefusalMessage(identity: RateIdentity): string {
  if (identity.kind === 'anonymous') {
    return `API rate limit exceeded for ${identity.label}. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)`;
  }
  const what = identity.kind === 'pat' ? 'user ID' : identity.kind === 'app' ? 'app ID' : 'installation ID';
  return `API rate limit exceeded for ${what} ${identity.label}. If you reach out to GitHub Support for help, please include the request ID.`;
}
