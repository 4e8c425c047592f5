import { parseEcosystemConfig } from '@ecosystem-dispatcher/core';
import { describe, expect, it } from 'vitest';
import { mergeSubscriptions, spliceCousinEntry } from './ecosystem-splice.js';

const NEW = { repo: 'acme/new', subscriptions: ['features/pwa/vanilla', 'features/cms'] };

function cousinsOf(text: string) {
  return parseEcosystemConfig(text, 'ecosystem.json').cousins.map((c) => ({ repo: c.repo, subscriptions: c.subscriptions, exclusions: c.exclusions }));
}

describe('adding a cousin', () => {
  it('appends to the seed\'s plain array form in its multi-line style', () => {
    const text = '[\n  {\n    "repo": "acme/a",\n    "subscriptions": [\n      "features/a"\n    ]\n  }\n]\n';
    const { text: out, change } = spliceCousinEntry(text, NEW);
    expect(change).toBe('added');
    expect(out).toBe(
      '[\n  {\n    "repo": "acme/a",\n    "subscriptions": [\n      "features/a"\n    ]\n  },\n  {\n    "repo": "acme/new",\n    "subscriptions": [\n      "features/pwa/vanilla",\n      "features/cms"\n    ]\n  }\n]\n',
    );
  });

  it('fills an empty cousin list, indented one level below it', () => {
    const text = '{\n  "$schema": "x",\n  "cousins": []\n}\n';
    const out = spliceCousinEntry(text, NEW).text;
    expect(out).toBe('{\n  "$schema": "x",\n  "cousins": [\n    {\n      "repo": "acme/new",\n      "subscriptions": ["features/pwa/vanilla", "features/cms"]\n    }\n  ]\n}\n');
    expect(cousinsOf(out)).toEqual([{ repo: 'acme/new', subscriptions: NEW.subscriptions, exclusions: [] }]);
  });

  it('keeps tabs and CRLF line endings', () => {
    const text = '{\r\n\t"cousins": [\r\n\t\t{ "repo": "acme/a", "subscriptions": ["features/a"] }\r\n\t]\r\n}\r\n';
    const out = spliceCousinEntry(text, NEW).text;
    expect(out).toBe(
      '{\r\n\t"cousins": [\r\n\t\t{ "repo": "acme/a", "subscriptions": ["features/a"] },\r\n\t\t{\r\n\t\t\t"repo": "acme/new",\r\n\t\t\t"subscriptions": ["features/pwa/vanilla", "features/cms"]\r\n\t\t}\r\n\t]\r\n}\r\n',
    );
  });

  it('works on a file written on one line', () => {
    const text = '[{"repo":"acme/a","subscriptions":["features/a","features/b"]}]';
    const out = spliceCousinEntry(text, NEW).text;
    expect(out.startsWith('[{"repo":"acme/a","subscriptions":["features/a","features/b"]}, {')).toBe(true);
    expect(cousinsOf(out).map((c) => c.repo)).toEqual(['acme/a', 'acme/new']);
  });
});

describe('updating a cousin', () => {
  const text = '{\n  "cousins": [\n    { "repo": "Acme/New", "subscriptions": ["features/old", "!features/old/docs/**"], "batch": false },\n    { "repo": "acme/b", "subscriptions": ["features/b"] }\n  ]\n}\n';

  it('finds it by name whatever the case, replaces only its subscriptions and keeps exclusions', () => {
    const { text: out, change } = spliceCousinEntry(text, NEW);
    expect(change).toBe('updated');
    expect(out).toBe(text.replace('["features/old", "!features/old/docs/**"]', '["features/pwa/vanilla", "features/cms", "!features/old/docs/**"]'));
  });

  it('leaves the text as it is when nothing changes', () => {
    const once = spliceCousinEntry(text, NEW).text;
    expect(spliceCousinEntry(once, NEW)).toEqual({ text: once, change: 'unchanged' });
  });

  it('keeps a multi-line subscriptions list multi-line', () => {
    const multi = '[\n  {\n    "repo": "acme/new",\n    "subscriptions": [\n      "features/old"\n    ]\n  }\n]\n';
    expect(spliceCousinEntry(multi, NEW).text).toBe('[\n  {\n    "repo": "acme/new",\n    "subscriptions": [\n      "features/pwa/vanilla",\n      "features/cms"\n    ]\n  }\n]\n');
  });
});

describe('the event type of a registered cousin', () => {
  const object = '{\n  "defaults": { "eventType": "mono-sync" },\n  "cousins": [\n    {\n      "repo": "acme/a",\n      "subscriptions": ["features/a"]\n    }\n  ]\n}\n';
  const typesOf = (text: string) => parseEcosystemConfig(text, 'ecosystem.json').cousins.map((c) => [c.repo, c.eventType]);

  it('is not written when it is the file\'s default', () => {
    expect(spliceCousinEntry(object, { repo: 'acme/a', subscriptions: ['features/a'] }, 'mono-sync')).toEqual({ text: object, change: 'unchanged' });
    expect(spliceCousinEntry(object, { repo: 'acme/new', subscriptions: ['features/b'] }, 'mono-sync').text).not.toContain('"eventType": "mono-sync",');
  });

  it('is added after the subscriptions of an existing entry when it differs', () => {
    const { text, change } = spliceCousinEntry(object, { repo: 'acme/a', subscriptions: ['features/a'], eventType: 'other' }, 'mono-sync');
    expect(change).toBe('updated');
    expect(text).toContain('      "subscriptions": ["features/a"],\n      "eventType": "other"\n');
    expect(typesOf(text)).toEqual([['acme/a', 'other']]);
  });

  it('is written into a new entry, and replaced in place when it changes again', () => {
    const added = spliceCousinEntry(object, { repo: 'acme/new', subscriptions: ['features/b'], eventType: 'custom' }, 'mono-sync').text;
    expect(typesOf(added)).toEqual([['acme/a', 'mono-sync'], ['acme/new', 'custom']]);
    const replaced = spliceCousinEntry(added, { repo: 'acme/new', subscriptions: ['features/b', 'features/c'], eventType: 'renamed' }, 'mono-sync');
    expect(typesOf(replaced.text)).toEqual([['acme/a', 'mono-sync'], ['acme/new', 'renamed']]);
    expect(parseEcosystemConfig(replaced.text, 'ecosystem.json').cousins[1]?.subscriptions).toEqual(['features/b', 'features/c']);
  });
});

describe('a cousin routed by a glob (#12: dispatches name concrete folders, the monorepo keeps its glob)', () => {
  const suite = '{\n  "cousins": [\n    { "repo": "acme/flask-suite", "subscriptions": ["features/*/flask/**", "features/cms/supabase/flask-implementation", "!features/*/flask/docs/**"], "batch": false }\n  ]\n}\n';

  it('keeps the glob as written when it already routes every folder the cousin follows', () => {
    const followed = { repo: 'acme/flask-suite', subscriptions: ['features/webpush/flask', 'features/pwa/flask', 'features/cms/supabase/flask-implementation'] };
    expect(spliceCousinEntry(suite, followed)).toEqual({ text: suite, change: 'unchanged' });
  });

  it('adds only a folder the glob does not route, before the exclusions, and leaves the glob alone', () => {
    const followed = { repo: 'acme/flask-suite', subscriptions: ['features/webpush/flask', 'features/cms/supabase/flask-implementation', 'features/pwa/vanilla'] };
    const { text, change } = spliceCousinEntry(suite, followed);
    expect(change).toBe('updated');
    expect(text).toBe(suite.replace('"features/cms/supabase/flask-implementation", ', '"features/cms/supabase/flask-implementation", "features/pwa/vanilla", '));
  });

  it('drops a concrete folder the cousin no longer follows, never the glob', () => {
    const { text } = spliceCousinEntry(suite, { repo: 'acme/flask-suite', subscriptions: ['features/webpush/flask'] });
    expect(cousinsOf(text)[0]?.subscriptions).toEqual(['features/*/flask/**']);
    expect(text).toContain('["features/*/flask/**", "!features/*/flask/docs/**"]');
  });
});

describe('mergeSubscriptions', () => {
  it.each([
    ['a folder the glob selects is routed by it', ['features/*/flask/**'], ['features/webpush/flask'], ['features/*/flask/**']],
    ['a folder deeper than the glob\'s folder part is not (the dispatch names its parent)', ['features/*/flask/**'], ['features/webpush/flask/app'], ['features/*/flask/**', 'features/webpush/flask/app']],
    ['a folder the glob does not match is added', ['features/*/flask/**'], ['features/webpush/react'], ['features/*/flask/**', 'features/webpush/react']],
    ['without **, the glob\'s folder is every segment but the last', ['features/*/flask/*.py'], ['features/webpush/flask'], ['features/*/flask/*.py']],
    ['a glob with no folder part routes top-level folders', ['**/*.sql'], ['db'], ['**/*.sql']],
    ['exclusions stay last', ['features/a', '!features/a/docs'], ['features/a', 'features/b'], ['features/a', 'features/b', '!features/a/docs']],
    ['concrete entries follow the cousin', ['features/old', '!features/old/docs'], ['features/new'], ['features/new', '!features/old/docs']],
  ])('%s', (_name, written, followed, merged) => {
    expect(mergeSubscriptions(written, followed)).toEqual(merged);
  });
});
