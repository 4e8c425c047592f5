import { UsageError } from '@ecosystem-dispatcher/core';
import { describe, expect, it } from 'vitest';
import { resolveAuth } from './auth.js';

const pem = '-----BEGIN PRIVATE KEY-----\nMIIEabc\n-----END PRIVATE KEY-----\n';

describe('resolveAuth', () => {
  it('prefers ECOSYSTEM_TOKEN over everything else', () => {
    const auth = resolveAuth({ ECOSYSTEM_TOKEN: 'ghp_a', GITHUB_TOKEN: 'ghs_b', ECOSYSTEM_APP_ID: '1', ECOSYSTEM_APP_PRIVATE_KEY: pem });
    expect(auth).toEqual({ kind: 'token', token: 'ghp_a', source: 'ECOSYSTEM_TOKEN' });
  });

  it('uses a GitHub App before the ambient GITHUB_TOKEN, which cannot reach other repositories', () => {
    const auth = resolveAuth({ GITHUB_TOKEN: 'ghs_b', ECOSYSTEM_APP_ID: '42', ECOSYSTEM_APP_PRIVATE_KEY: pem });
    expect(auth).toEqual({ kind: 'app', appId: '42', privateKey: pem.trim() });
  });

  it('falls back to GITHUB_TOKEN and says so in the source', () => {
    expect(resolveAuth({ GITHUB_TOKEN: 'ghs_b' })).toEqual({ kind: 'token', token: 'ghs_b', source: 'GITHUB_TOKEN' });
  });

  it('treats empty variables as unset', () => {
    expect(resolveAuth({ ECOSYSTEM_TOKEN: '  ', GITHUB_TOKEN: 'ghs_b' })).toMatchObject({ source: 'GITHUB_TOKEN' });
  });

  it('turns a one-line PEM with literal \\n back into lines', () => {
    const auth = resolveAuth({ ECOSYSTEM_APP_ID: '7', ECOSYSTEM_APP_PRIVATE_KEY: pem.trim().replace(/\n/g, '\\n') });
    expect(auth).toMatchObject({ kind: 'app', privateKey: pem.trim() });
  });

  it('takes App credentials from flags too', () => {
    expect(resolveAuth({}, { appId: '9', privateKey: pem })).toMatchObject({ kind: 'app', appId: '9' });
  });

  it('refuses half an App configuration with a usage error naming the missing variable', () => {
    expect(() => resolveAuth({ ECOSYSTEM_APP_ID: '1' })).toThrow(/ECOSYSTEM_APP_PRIVATE_KEY is not/);
    expect(() => resolveAuth({ ECOSYSTEM_APP_PRIVATE_KEY: pem })).toThrow(/ECOSYSTEM_APP_ID is not/);
    expect(() => resolveAuth({ ECOSYSTEM_APP_ID: 'my-app', ECOSYSTEM_APP_PRIVATE_KEY: pem })).toThrow(/numeric id/);
  });

  it('explains what to set when there are no credentials at all', () => {
    expect(() => resolveAuth({})).toThrow(UsageError);
    expect(() => resolveAuth({})).toThrow(/ECOSYSTEM_TOKEN/);
  });
});
