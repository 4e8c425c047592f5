import { describe, expect, it } from 'vitest';
import { findRepoNameProblem, parseRepoName, repoKey } from './repo-name.js';

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
