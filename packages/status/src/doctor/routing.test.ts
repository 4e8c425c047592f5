import { describe, expect, it } from 'vitest';
import type { Cousin } from '@ecosystem-dispatcher/core';
import { routedFeatures, routingGap } from './routing.js';

const cousin = (subscriptions: string[], exclusions: string[] = []): Cousin => ({ repo: 'acme/c', subscriptions, exclusions, eventType: 'feature-update', batch: true, enabled: true, index: 3 });
const FILES = ['features/webpush/flask/app/x.py', 'features/pwa/flask/y.py', 'features/pwa/django/z.py', 'db/001.sql', 'schema.sql', 'README.md'];
const routed = (c: Cousin, excludes: string[] = []) => [...routedFeatures(c, excludes, FILES)].sort();

describe('routedFeatures: what ecosystem.json can send a cousin', () => {
  it('keeps folders and files as written, even before they exist', () => {
    expect(routed(cousin(['features/a', 'features/pwa/flask/y.py']))).toEqual(['features/a', 'features/pwa/flask/y.py']);
  });
  it("resolves a glob to the concrete folders of the monorepo's files, by the glob's folder part", () => {
    expect(routed(cousin(['features/*/flask/**']))).toEqual(['features/pwa/flask', 'features/webpush/flask']);
    expect(routed(cousin(['features/*/flask/*.py']))).toEqual(['features/pwa/flask']);
  });
  it('gives a glob with no folder part the top-level folder, or the file at the root', () => {
    expect(routed(cousin(['**/*.sql']))).toEqual(['db', 'schema.sql']);
  });
  it('drops files an exclusion of the cousin or of the defaults removes', () => {
    expect(routed(cousin(['features/*/flask/**'], ['features/pwa']))).toEqual(['features/webpush/flask']);
    expect(routed(cousin(['features/*/flask/**']), ['**/app/**'])).toEqual(['features/pwa/flask']);
  });
});

describe('routingGap', () => {
  it('names what is sent but not followed, and followed but never sent', () => {
    expect(routingGap(new Set(['a', 'b']), ['b', 'c'])).toEqual({ unfollowed: ['a'], unrouted: ['c'] });
  });
});
