import { UsageError } from '@ecosystem-dispatcher/core';

export const DEFAULT_API_URL = 'https://api.github.com';

/**
 * The REST base URL: `--api-url`, else `GITHUB_API_URL` (set by Actions, and pointing at
 * `https://HOST/api/v3` on GitHub Enterprise Server), else github.com.
 */
export function apiUrlFrom(flags: { apiUrl?: string | undefined }, env: Readonly<Record<string, string | undefined>>): string {
  const raw = flags.apiUrl?.trim() || env.GITHUB_API_URL?.trim() || DEFAULT_API_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`API URL ${JSON.stringify(raw)} is not a URL (expected e.g. https://github.example.com/api/v3)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`API URL ${JSON.stringify(raw)} must use https (or http for a local server)`);
  if (url.username || url.password) throw new UsageError('API URL must not carry credentials; use ECOSYSTEM_TOKEN');
  return raw.replace(/\/+$/, '');
}

/**
 * The web address that goes with a REST base URL — where repositories are cloned and
 * linked — so a client need not ask the API for it: api.github.com → github.com,
 * api.SUBDOMAIN.ghe.com → SUBDOMAIN.ghe.com, HOST/api/v3 (GHES, github-sim) → HOST.
 * Undefined for any other shape: ask the API then.
 */
export function webUrlFromApiUrl(apiUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    return undefined;
  }
  const path = url.pathname.replace(/\/+$/, '');
  if (path === '' && url.hostname === 'api.github.com') return `${url.protocol}//github.com`;
  if (path === '' && /^api\.[^.]+\.ghe\.com$/.test(url.hostname)) return `${url.protocol}//${url.host.slice('api.'.length)}`;
  if (path.endsWith('/api/v3')) return `${url.origin}${path.slice(0, -'/api/v3'.length)}`;
  return undefined;
}
