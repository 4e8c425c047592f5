/** What the command was doing when GitHub answered with an error. */
export interface ErrorContext {
  /** `owner/name` the request was about. */
  repo?: string;
  /** Short verb phrase, e.g. "send repository_dispatch". */
  action?: string;
  /** Where the token came from, e.g. GITHUB_TOKEN (changes the advice). */
  authSource?: string;
  /** How many attempts were made, when retries happened. */
  attempts?: number;
}

interface ErrorShape {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
}

/** A message a maintainer can act on, for any error a GitHub call can throw. */
export function explainGitHubError(error: unknown, context: ErrorContext = {}): string {
  const e = (error ?? {}) as ErrorShape;
  const where = context.repo ? `${context.repo}: ` : '';
  const status = typeof e.status === 'number' ? e.status : undefined;
  const githubSays = serverMessage(e);
  const tries = context.attempts && context.attempts > 1 ? ` after ${context.attempts} attempts` : '';
  if (status === undefined) return `${where}${errorText(error)}`;
  if (status === 500 && !e.response) return `${where}network error${tries}: ${githubSays || 'the connection failed'}`;
  if (status === 401) return `${where}the token was rejected (401 Bad credentials): it is wrong, expired or revoked`;
  if (status === 404) return `${where}the repository does not exist or the token cannot see it — check the token's repository access${tokenHint(context)}`;
  if (status === 403 || status === 429) return `${where}${explainForbidden(e, githubSays, context)}`;
  if (status === 422) return `${where}${explainUnprocessable(githubSays)}`;
  if (status === 410) return `${where}GitHub says this is gone (410): ${githubSays}`;
  if (status >= 500) return `${where}GitHub failed with HTTP ${status}${tries}; retry the run later${githubSays ? ` (${githubSays})` : ''}`;
  return `${where}GitHub refused${context.action ? ` to ${context.action}` : ''} with HTTP ${status}: ${githubSays}`;
}

function explainForbidden(e: ErrorShape, githubSays: string, context: ErrorContext): string {
  const headers = e.response?.headers ?? {};
  if (/secondary rate/i.test(githubSays) || headers['retry-after'] || e.status === 429) {
    return `GitHub's secondary rate limit stopped the request${context.attempts ? ` (${context.attempts} attempts)` : ''}: too many writes too fast from one identity — ${githubSays}`;
  }
  if (headers['x-ratelimit-remaining'] === '0' || /rate limit/i.test(githubSays)) {
    const reset = Number(headers['x-ratelimit-reset']);
    const when = Number.isFinite(reset) && reset > 0 ? ` until ${new Date(reset * 1000).toISOString()}` : '';
    return `the token's API rate limit is used up${when}; an App installation token has a higher limit`;
  }
  const need = context.action?.includes('dispatch') ? ' (repository_dispatch needs Contents: read and write)' : '';
  return `the token may not do this (403: ${githubSays || 'Forbidden'})${need}${tokenHint(context)}`;
}

function explainUnprocessable(githubSays: string): string {
  if (/spammed/i.test(githubSays)) return `GitHub refused: "the endpoint has been spammed" — too many events to this repository in a short time; wait before sending again`;
  return `GitHub rejected the request as invalid (422): ${githubSays}`;
}

function tokenHint(context: ErrorContext): string {
  return context.authSource === 'GITHUB_TOKEN' ? '; the Actions GITHUB_TOKEN only reaches its own repository: use a PAT (ECOSYSTEM_TOKEN) or a GitHub App' : '';
}

function serverMessage(e: ErrorShape): string {
  const data = e.response?.data as { message?: unknown; errors?: unknown } | undefined;
  if (data && typeof data.message === 'string') {
    const details = Array.isArray(data.errors)
      ? data.errors.map((d) => (typeof d === 'string' ? d : (d as { message?: string; code?: string }).message ?? (d as { code?: string }).code)).filter(Boolean)
      : [];
    return details.length ? `${data.message} (${details.join('; ')})` : data.message;
  }
  // Octokit appends " - https://docs.github.com/..." to messages; the link adds nothing here.
  return (e.message ?? '').replace(/ - https:\/\/docs\.github\.com\S*$/, '').trim();
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
