import { describe, expect, it } from 'vitest';
import { lintText } from './lint.js';

const lint = (value: unknown) => lintText(JSON.stringify(value, null, 2), 'subscriptions.json', { kind: 'subscriptions' });
const rules = (value: unknown) => lint(value).map((p) => p.rule);

describe("a cousin's subscriptions.json", () => {
  it('accepts the seed form, a plain list of paths', () => {
    expect(rules(['features/webpush/flask', 'features/pwa/vanilla'])).toEqual([]);
  });

  it('asks for an upstream in the object form', () => {
    expect(rules({ subscriptions: ['features/x'] })).toEqual(['upstream/missing']);
  });

  it('checks the upstream like a cousin repository name', () => {
    expect(lint({ upstream: 'https://github.com/acme/mono.git', subscriptions: ['x'] })[0]?.message).toBe('upstream "https://github.com/acme/mono.git" is a URL; write "acme/mono"');
  });

  it('points at the key when a path in the map form is wrong', () => {
    const [problem] = lint({ upstream: 'a/b', subscriptions: { 'features/../x': 'x' } });
    expect(problem).toMatchObject({ rule: 'path/parent', line: 4, column: 5 });
  });

  it('allows "." as the destination but no other dot segment', () => {
    expect(rules({ upstream: 'a/b', protect: [], subscriptions: { 'features/x': '.', 'features/y': { to: './' } } })).toEqual(['destination/overlap']);
    expect(rules({ upstream: 'a/b', subscriptions: [{ path: 'features/x', to: './app' }] })).toEqual(['destination/dot-segment']);
  });

  it('finds two subscriptions writing into the same folder, default destinations included', () => {
    const problems = lint({ upstream: 'a/b', subscriptions: ['features/x', { path: 'features/y', to: 'features/x' }] });
    expect(problems.map((p) => [p.rule, p.line])).toEqual([['destination/overlap', 7]]);
  });

  it('warns about a destination inside another one', () => {
    expect(lint({ upstream: 'a/b', subscriptions: { 'features/x': 'app', 'features/y': 'app/y' } })[0]).toMatchObject({ rule: 'destination/nested', severity: 'warning' });
  });

  it('suggests the sync method that was meant, at every level', () => {
    const problems = lint({ upstream: 'a/b', method: 'Patch', subscriptions: [{ path: 'features/x', method: 'cherrypick' }, { path: 'features/y', method: 'rebase' }] });
    expect(problems.map((p) => p.message)).toEqual([
      'unknown sync method "Patch"; did you mean "patch"?',
      'unknown sync method "cherrypick"; did you mean "cherry-pick"?',
      'unknown sync method "rebase"; use one of patch, copy, cherry-pick, squash, merge',
    ]);
  });

  it('names the allowed methods when the method is not even a string', () => {
    expect(lint({ upstream: 'a/b', subscriptions: [{ path: 'features/x', method: 5 }] }).map((p) => `${p.rule} ${p.message}`)).toEqual([
      'schema/value subscriptions[0].method must be one of "patch", "copy", "cherry-pick", "squash", "merge"',
    ]);
  });

  it('finds duplicates and an empty list', () => {
    expect(rules({ upstream: 'a/b', subscriptions: ['features/x', 'features/x/'] })).toEqual(['subscriptions/duplicate']);
    expect(rules({ upstream: 'a/b', subscriptions: [] })).toEqual(['subscriptions/empty']);
    expect(rules([])).toEqual(['subscriptions/empty']);
  });

  it('reports schema errors deep in the nested oneOf without the noise of the other branches', () => {
    const problems = lint({ upstream: 'a/b', subscriptions: [{ path: 'features/x', too: 'app' }, 42], pullRequest: { labels: 'sync' } });
    expect(problems.map((p) => `${p.rule} ${p.message}`)).toEqual([
      'schema/unknown-key unknown key "too" in subscriptions[0]; did you mean "to"?',
      'schema/type subscriptions[1] must be string or object, not integer',
      'schema/type pullRequest.labels must be array, not string; write it as a list: ["sync"]',
    ]);
  });
});
