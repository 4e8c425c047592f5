import { describe, expect, it } from 'vitest';
import { parseCousinConfig, parseDispatchPayload, RejectedPayload } from '@ecosystem-dispatcher/core';
import { findSymlinkEscape } from './symlink-resolution.js';
import { subscriptionFor, symlinkStaysInside, verifyCommitAge, verifyPayloadAgainstConfig } from './verify.js';

const config = parseCousinConfig(
  JSON.stringify({ upstream: 'Acme/Monorepo', subscriptions: { 'features/webpush/flask': 'app/push', 'features/pwa/vanilla': '.' } }),
  'subscriptions.json',
);
const sha = 'a'.repeat(40);
const payload = (extra: Record<string, unknown>) => parseDispatchPayload({ payload_version: 2, commit_sha: sha, source_repo: 'acme/monorepo', updated_features: ['features/webpush/flask'], ...extra });

describe('a payload checked against the cousin config', () => {
  it('names the subscriptions it covers, with their destination', () => {
    expect(verifyPayloadAgainstConfig(payload({}), config)).toEqual([{ path: 'features/webpush/flask', to: 'app/push', method: 'patch' }]);
  });

  it('compares source_repo with the upstream case-insensitively', () => {
    expect(() => verifyPayloadAgainstConfig(payload({ source_repo: 'ACME/monorepo' }), config)).not.toThrow();
  });

  it('is rejected when it comes from another repository', () => {
    expect(() => verifyPayloadAgainstConfig(payload({ source_repo: 'evil/monorepo' }), config)).toThrow(/source_repo "evil\/monorepo" is not this cousin's upstream Acme\/Monorepo/);
  });

  it('is rejected when a version 2 payload names no source', () => {
    expect(() => verifyPayloadAgainstConfig(payload({ source_repo: null }), config)).toThrow(RejectedPayload);
  });

  it('of the seed era (no source_repo) is accepted for the configured upstream', () => {
    const seed = parseDispatchPayload({ updated_feature: 'features/pwa/vanilla', commit_sha: sha });
    expect(verifyPayloadAgainstConfig(seed, config).map((s) => s.path)).toEqual(['features/pwa/vanilla']);
  });

  it('treats shell text in a feature as just an unknown feature', () => {
    expect(() => verifyPayloadAgainstConfig(payload({ updated_features: ['features/webpush/flask; rm -rf ~'] }), config)).toThrow(
      /feature "features\/webpush\/flask; rm -rf ~" is not one this cousin subscribes to/,
    );
  });

  it('rejects a feature with .. or an absolute path, and a prefix of a subscription', () => {
    for (const feature of ['features/webpush/flask/../../x', '/features/webpush/flask', 'features/webpush', 'features/webpush/flask-v2']) {
      expect(() => subscriptionFor(feature, config), feature).toThrow(RejectedPayload);
    }
  });

  it('accepts a trailing slash on a subscribed feature', () => {
    expect(subscriptionFor('features/pwa/vanilla/', config).to).toBe('');
  });

  it('needs an upstream in the config to sync at all', () => {
    const plain = parseCousinConfig('["features/a"]', 'subscriptions.json');
    expect(() => verifyPayloadAgainstConfig(payload({}), plain)).toThrow(/"upstream".*required/);
  });
});

describe('the age of the commit', () => {
  const now = new Date('2026-11-25T10:00:00Z');
  it('passes within maxAgeDays', () => {
    expect(() => verifyCommitAge(sha, new Date('2026-11-01T10:00:00Z'), now, 30)).not.toThrow();
  });
  it('is rejected past maxAgeDays, with the date', () => {
    expect(() => verifyCommitAge(sha, new Date('2026-09-01T10:00:00Z'), now, 30)).toThrow(/85 days ago \(2026-09-01T10:00:00.000Z\), older than maxAgeDays 30/);
  });
});

describe('an upstream symlink', () => {
  it('pointing inside the feature is kept', () => {
    expect(symlinkStaysInside('features/a/docs/link', '../src/main.py', 'features/a')).toBe(true);
  });
  it('pointing out of the feature, absolutely or to the feature root itself is refused', () => {
    expect(symlinkStaysInside('features/a/link', '../b/secret', 'features/a')).toBe(false);
    expect(symlinkStaysInside('features/a/link', '../../../etc/passwd', 'features/a')).toBe(false);
    expect(symlinkStaysInside('features/a/link', '/etc/passwd', 'features/a')).toBe(false);
    expect(symlinkStaysInside('features/a/link', '.', 'features/a')).toBe(false);
    expect(symlinkStaysInside('features/a/link', '../a-other/x', 'features/a')).toBe(false);
  });
});

describe('the symlinks of a feature, resolved together', () => {
  const feature = 'features/a';
  const tree = (links: Record<string, string>) => new Map(Object.entries(links).map(([path, target]) => [`${feature}/${path}`, target]));
  // Each link on its own stays inside; followed through each other, p reaches /etc/passwd.
  const chain = {
    'd1/d2/d3/d4/q': '..',
    'd1/d2/d3/q': '..',
    'd1/d2/q': '..',
    'd1/q': '../d1',
    'd1/d2/d3/d4/p': 'q/q/q/q/../../../../../etc/passwd',
  };

  it('a chain whose every link passes the lexical check, but whose whole escapes, is found', () => {
    for (const [path, target] of Object.entries(chain)) expect(symlinkStaysInside(`${feature}/${path}`, target, feature), path).toBe(true);
    expect(findSymlinkEscape(feature, tree(chain))).toEqual({ link: `${feature}/d1/d2/d3/d4/p`, target: chain['d1/d2/d3/d4/p'], reason: 'leaves the feature' });
  });

  it('links into each other that stay inside pass', () => {
    expect(findSymlinkEscape(feature, tree({ 'docs/current': 'v2', 'docs/v2': '../src', 'readme': 'docs/current/main.py', src: 'lib' }))).toBeUndefined();
  });

  it('a loop is refused, like the ELOOP the checkout would hit', () => {
    expect(findSymlinkEscape(feature, tree({ x: 'y', y: 'x' }))?.reason).toMatch(/more than 40 links/);
  });

  it('a path that leaves the feature and comes back by name is refused: the cousin folder has another name', () => {
    expect(findSymlinkEscape(feature, tree({ link: '../a/main.py' }))?.reason).toBe('leaves the feature');
  });
});
