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
