import { describe, expect, it } from 'vitest';
import { repoFromRemoteUrl } from './monorepo-name.js';

describe('repoFromRemoteUrl', () => {
  it('reads owner/name from the HTTPS, SSH and scp-like forms', () => {
    expect(repoFromRemoteUrl('https://github.com/acme/mono.git')).toBe('acme/mono');
    expect(repoFromRemoteUrl('https://github.com/acme/mono')).toBe('acme/mono');
    expect(repoFromRemoteUrl('git@github.com:acme/mono.git')).toBe('acme/mono');
    expect(repoFromRemoteUrl('ssh://git@github.example.com/acme/mono.git')).toBe('acme/mono');
    expect(repoFromRemoteUrl('http://127.0.0.1:4000/acme/mono.git')).toBe('acme/mono');
  });

  it('names nothing for a local path or a URL without owner and name', () => {
    expect(repoFromRemoteUrl('/tmp/mono.git')).toBeUndefined();
    expect(repoFromRemoteUrl('https://github.com/')).toBeUndefined();
  });
});
