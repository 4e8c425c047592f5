import { describe, expect, it } from 'vitest';
import { findRepoNameProblem, parseRepoName, repoFromRemoteUrl, repoKey } from './repo-name.js';

describe('repository names', () => {
  it.each(['acme/app', 'a/b', 'a-b-c/x.y_z-1', `${'a'.repeat(39)}/${'n'.repeat(100)}`])('accepts %s', (name) => {
    expect(findRepoNameProblem(name)).toBeUndefined();
  });

  it.each([
    ['https://github.com/acme/app', 'is a URL; write "acme/app"'],
    ['git@github.com:acme/app.git', 'is a URL; write "acme/app"'],
    ['acme/app.git', 'ends with ".git"; write "acme/app"'],
    ['app', 'has no owner; write "OWNER/app"'],
  ])('suggests a fix for %s', (name, message) => {
    expect(findRepoNameProblem(name)).toBe(message);
  });

  it.each(['-acme/app', 'acme-/app', 'ac--me/app', `${'a'.repeat(40)}/app`, 'acme/.', 'acme/..', 'acme/a b', 'a/b/c'])('rejects %s', (name) => {
    expect(findRepoNameProblem(name)).toBeDefined();
    expect(() => parseRepoName(name)).toThrow();
  });

  it('compares case-insensitively', () => {
    expect(repoKey('User/Repo')).toBe(repoKey('user/repo'));
  });
});

describe('repoFromRemoteUrl', () => {
  it.each([
    ['https://github.com/acme/monorepo.git', 'acme/monorepo'],
    ['https://github.com/acme/monorepo', 'acme/monorepo'],
    ['https://x-access-token:secret@ghes.example.com/acme/monorepo.git', 'acme/monorepo'],
    ['http://127.0.0.1:8080/acme/monorepo.git', 'acme/monorepo'],
    ['git@github.com:acme/monorepo.git', 'acme/monorepo'],
    ['git@ghes.example.com:acme/monorepo', 'acme/monorepo'],
    ['ssh://git@github.com/acme/monorepo.git', 'acme/monorepo'],
    ['ssh://git@ghes.example.com:2222/acme/monorepo.git', 'acme/monorepo'],
  ])('reads %s as %s', (url, repo) => {
    expect(repoFromRemoteUrl(url)).toBe(repo);
  });

  it.each(['/srv/git/acme/monorepo.git', 'file:///srv/acme/monorepo.git', '../monorepo', 'https://example.com/group/sub/repo.git'])('is undefined for %s', (url) => {
    expect(repoFromRemoteUrl(url)).toBeUndefined();
  });
});
