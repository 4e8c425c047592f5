import { describe, expect, it } from 'vitest';
import { defineRoute, Router } from './router.js';

const router = new Router();
const handler = () => ({ status: 200 });
router.add(
  defineRoute('GET', '/repos/{owner}/{repo}', handler),
  defineRoute('GET', '/repos/{owner}/{repo}/git/ref/{ref+}', handler),
  defineRoute('GET', '/repos/{owner}/{repo}/contents/', handler, '/repos/{owner}/{repo}/contents/{path}'),
);

describe('Router', () => {
  it('matches one segment per {name} and decodes it', () => {
    const match = router.match('GET', '/repos/acme/my%20repo');
    expect(match !== 'methodMismatch' && match?.params).toEqual({ owner: 'acme', repo: 'my repo' });
  });

  it('lets {name+} span slashes, encoded or not', () => {
    const plain = router.match('GET', '/repos/acme/w/git/ref/heads/feature/x');
    const encoded = router.match('GET', '/repos/acme/w/git/ref/heads%2Ffeature%2Fx');
    expect(plain !== 'methodMismatch' && plain?.params.ref).toBe('heads/feature/x');
    expect(encoded !== 'methodMismatch' && encoded?.params.ref).toBe('heads/feature/x');
  });

  it('keeps the OpenAPI template for the contract check, explicit or derived', () => {
    const derived = router.match('GET', '/repos/acme/w/git/ref/heads/main');
    const explicit = router.match('GET', '/repos/acme/w/contents/');
    expect(derived !== 'methodMismatch' && derived?.route.template).toBe('/repos/{owner}/{repo}/git/ref/{ref}');
    expect(explicit !== 'methodMismatch' && explicit?.route.template).toBe('/repos/{owner}/{repo}/contents/{path}');
  });

  it('tells a wrong method from an unknown path', () => {
    expect(router.match('DELETE', '/repos/acme/w')).toBe('methodMismatch');
    expect(router.match('GET', '/repos/acme')).toBeUndefined();
  });
});
