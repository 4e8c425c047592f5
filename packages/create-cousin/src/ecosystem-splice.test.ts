import { parseEcosystemConfig } from '@ecosystem-dispatcher/core';
import { describe, expect, it } from 'vitest';
import { spliceCousinEntry } from './ecosystem-splice.js';

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
