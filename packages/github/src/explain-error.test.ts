import { RequestError } from '@octokit/request-error';
import { describe, expect, it } from 'vitest';
import { explainGitHubError } from './explain-error.js';

const request = { method: 'POST' as const, url: 'https://api.github.com/repos/o/r/dispatches', headers: {} };

function answered(status: number, message: string, headers: Record<string, string> = {}, errors?: unknown[]) {
  return new RequestError(message, status, { request, response: { status, url: request.url, headers, data: { message, ...(errors ? { errors } : {}) } } });
}

describe('explainGitHubError', () => {
  it('says what a 404 means: missing repository or a token that cannot see it', () => {
    expect(explainGitHubError(answered(404, 'Not Found'), { repo: 'o/r' })).toBe(
      "o/r: the repository does not exist or the token cannot see it — check the token's repository access",
    );
  });

  it('adds that GITHUB_TOKEN only reaches its own repository', () => {
    expect(explainGitHubError(answered(404, 'Not Found'), { repo: 'o/r', authSource: 'GITHUB_TOKEN' })).toMatch(/only reaches its own repository/);
  });

  it('names a rejected token on 401', () => {
    expect(explainGitHubError(answered(401, 'Bad credentials'))).toMatch(/token was rejected .*expired or revoked/);
  });

  it('tells a missing permission apart from a rate limit on 403', () => {
    expect(explainGitHubError(answered(403, 'Resource not accessible by personal access token'), { action: 'send repository_dispatch' })).toMatch(
      /may not do this .*Contents: read and write/,
    );
    expect(explainGitHubError(answered(403, 'API rate limit exceeded for user', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1900000000' }))).toMatch(
      /rate limit is used up until 2030-03-17T17:46:40.000Z/,
    );
    expect(explainGitHubError(answered(403, 'You have exceeded a secondary rate limit', { 'retry-after': '60' }))).toMatch(/secondary rate limit/);
  });

  it('recognises the "spammed" refusal and other validation failures on 422', () => {
    expect(explainGitHubError(answered(422, 'endpoint has been spammed'))).toMatch(/spammed.*wait before sending again/);
    expect(explainGitHubError(answered(422, 'Validation Failed', {}, [{ code: 'invalid', message: 'event_type is too long' }]))).toBe(
      'GitHub rejected the request as invalid (422): Validation Failed (event_type is too long)',
    );
  });

  it('reports server errors with the attempts made, and lost connections as network errors', () => {
    expect(explainGitHubError(answered(502, 'Bad Gateway'), { attempts: 4 })).toMatch(/HTTP 502 after 4 attempts/);
    const lost = new RequestError('other side closed', 500, { request });
    expect(explainGitHubError(lost, { repo: 'o/r' })).toBe('o/r: network error: other side closed');
  });

  it('passes other errors through by message', () => {
    expect(explainGitHubError(new Error('boom'), { repo: 'o/r' })).toBe('o/r: boom');
  });
});
