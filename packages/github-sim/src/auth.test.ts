import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error.js';
import { authorizeRepo, credentialFrom, type Principal } from './auth.js';
import { BareRepo } from './bare-repo.js';
import type { RepoRecord } from './state.js';
import { expandPermissions, normaliseRepos, type TokenRecord } from './tokens.js';
import type { TokenPermissions } from './types.js';

function repo(fullName: string, isPrivate: boolean): RepoRecord {
  const [owner, name] = fullName.split('/') as [string, string];
  return { id: 1, owner, name, fullName, private: isPrivate, description: null, defaultBranch: 'main', createdAt: '', pushedAt: '', git: new BareRepo('/nowhere'), nextNumber: 1, issues: new Map(), labels: new Map(), collaborators: new Set(), draftPullRequests: !isPrivate, refQueue: Promise.resolve() };
}

function pat(repos: string[] | '*', permissions?: TokenPermissions): Principal {
  const token: TokenRecord = { value: 'v', kind: 'pat', login: 'u', repos: normaliseRepos(repos), permissions: expandPermissions(permissions) };
  return { kind: 'token', login: 'u', token };
}

function statusOf(run: () => unknown): number {
  try {
    run();
    return 200;
  } catch (error) {
    return (error as ApiError).status;
  }
}

const open = repo('acme/open', false);
const secret = repo('acme/secret', true);

describe('authorizeRepo', () => {
  // https://docs.github.com/rest/using-the-rest-api/troubleshooting-the-rest-api#404-not-found-for-an-existing-resource
  it('lets anyone read a public repository, asks for authentication to write, and hides private ones without a token (404)', () => {
    expect(statusOf(() => authorizeRepo({ kind: 'anonymous' }, open, 'contents', 'read'))).toBe(200);
    expect(statusOf(() => authorizeRepo({ kind: 'anonymous' }, open, 'contents', 'write'))).toBe(401);
    expect(statusOf(() => authorizeRepo({ kind: 'anonymous' }, secret, 'contents', 'read'))).toBe(404);
    expect(statusOf(() => authorizeRepo({ kind: 'anonymous' }, secret, 'contents', 'write'))).toBe(404);
  });

  it('hides private repositories outside the token with 404, like missing ones', () => {
    const token = pat(['acme/open']);
    expect(statusOf(() => authorizeRepo(token, secret, 'metadata', 'read'))).toBe(404);
    expect(statusOf(() => authorizeRepo(token, undefined, 'metadata', 'read'))).toBe(404);
  });

  it('answers 403 for a visible repository without the permission', () => {
    expect(statusOf(() => authorizeRepo(pat(['acme/secret'], 'read'), secret, 'contents', 'write'))).toBe(403);
    expect(statusOf(() => authorizeRepo(pat(['acme/secret'], { issues: 'write' }), secret, 'contents', 'read'))).toBe(403);
    expect(statusOf(() => authorizeRepo(pat(['acme/secret'], { issues: 'write' }), secret, 'metadata', 'read'))).toBe(200);
    expect(statusOf(() => authorizeRepo(pat(['acme/other']), open, 'contents', 'write'))).toBe(403);
  });

  it('matches repository names case-insensitively', () => {
    expect(statusOf(() => authorizeRepo(pat(['ACME/Secret']), secret, 'contents', 'write'))).toBe(200);
  });
});

describe('credentialFrom', () => {
  it('reads token, Bearer and Basic (token as password) headers', () => {
    expect(credentialFrom({ authorization: 'token abc' })).toBe('abc');
    expect(credentialFrom({ authorization: 'Bearer abc' })).toBe('abc');
    expect(credentialFrom({ authorization: `Basic ${Buffer.from('x-access-token:abc').toString('base64')}` })).toBe('abc');
    expect(credentialFrom({})).toBeUndefined();
  });
});
