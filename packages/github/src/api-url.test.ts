import { describe, expect, it } from 'vitest';
import { apiUrlFrom, DEFAULT_API_URL, webUrlFromApiUrl } from './api-url.js';

describe('apiUrlFrom', () => {
  it('defaults to github.com', () => {
    expect(apiUrlFrom({}, {})).toBe(DEFAULT_API_URL);
  });

  it('takes GITHUB_API_URL (GitHub Enterprise Server) and lets --api-url win over it', () => {
    expect(apiUrlFrom({}, { GITHUB_API_URL: 'https://ghe.example.com/api/v3' })).toBe('https://ghe.example.com/api/v3');
    expect(apiUrlFrom({ apiUrl: 'http://127.0.0.1:9/api/v3/' }, { GITHUB_API_URL: 'https://ghe.example.com/api/v3' })).toBe('http://127.0.0.1:9/api/v3');
  });

  it('rejects what is not an http(s) URL, and URLs with credentials', () => {
    expect(() => apiUrlFrom({ apiUrl: 'ghe.example.com' }, {})).toThrow(/not a URL/);
    expect(() => apiUrlFrom({ apiUrl: 'ftp://ghe.example.com' }, {})).toThrow(/https/);
    expect(() => apiUrlFrom({ apiUrl: 'https://user:secret@ghe.example.com' }, {})).toThrow(/credentials/);
  });
});

describe('webUrlFromApiUrl', () => {
  it('names the web host of github.com, GHE.com, GHES and github-sim', () => {
    expect(webUrlFromApiUrl('https://api.github.com')).toBe('https://github.com');
    expect(webUrlFromApiUrl('https://api.octocorp.ghe.com/')).toBe('https://octocorp.ghe.com');
    expect(webUrlFromApiUrl('https://ghe.example.com/api/v3')).toBe('https://ghe.example.com');
    expect(webUrlFromApiUrl('http://127.0.0.1:8080/api/v3/')).toBe('http://127.0.0.1:8080');
  });

  it('says nothing for other shapes', () => {
    expect(webUrlFromApiUrl('https://proxy.example.com/github')).toBeUndefined();
    expect(webUrlFromApiUrl('not a url')).toBeUndefined();
  });
});
