import { describe, expect, it } from 'vitest';
import { detectKind, lintText } from './lint.js';

const rules = (text: string, options = {}) => lintText(text, 'ecosystem.json', options).map((p) => p.rule);
const at = (text: string, options = {}) => lintText(text, 'ecosystem.json', options).map((p) => `${p.rule}@${p.line}:${p.column}`);
const one = (text: string, options = {}) => {
  const problems = lintText(text, 'ecosystem.json', options);
  expect(problems).toHaveLength(1);
  return problems[0]!;
};
const cousins = (...entries: unknown[]) => JSON.stringify({ cousins: entries }, null, 2);

describe('schema errors', () => {
  it('are all reported, not only the first', () => {
    const text = cousins({ repo: 'a/b', subscriptions: 'features/x' }, { repo: 'c/d', subscriptions: ['features/y'], batch: 'no' }, { subscriptions: ['z'] });
    expect(rules(text)).toEqual(['schema/type', 'schema/type', 'schema/required']);
  });

  it('suggest the closest key for a misspelt one and do not also call the real key missing', () => {
    const problems = lintText('[{"Repo": "a/b", "subscription": ["x"]}]', 'ecosystem.json');
    expect(problems.map((p) => p.message)).toEqual([
      'unknown key "Repo" in [0]; did you mean "repo"?',
      'unknown key "subscription" in [0]; did you mean "subscriptions"?',
    ]);
  });

  it('list the allowed keys when nothing is close', () => {
    expect(one('{"cousins": [], "colour": "red"}').message).toBe('unknown key "colour"; allowed keys: $schema, defaults, cousins');
  });

  it('point at the key of an unknown key and at the value of a wrong type', () => {
    expect(at('{\n  "cousins": [],\n  "defaults": {"batch": "yes", "evenType": "x"}\n}')).toEqual(['schema/type@3:25', 'schema/unknown-key@3:32']);
  });

  it('say what the whole file should be when its top level is wrong', () => {
    expect(one('"features/x"').message).toBe('the file must be a list of cousins or an object with "cousins", not string');
  });

  it('suggest a list when a string stands where a list belongs', () => {
    expect(one('[{"repo": "a/b", "subscriptions": "features/x"}]').message).toContain('write it as a list: ["features/x"]');
  });

  it('leave repository names to repo/format instead of printing the schema pattern', () => {
    expect(rules('[{"repo": "-bad/name", "subscriptions": ["x"]}]')).toEqual(['repo/format']);
  });
});

describe('repo rules', () => {
  it.each([
    ['https://github.com/acme/app', 'is a URL; write "acme/app"'],
    ['git@github.com:acme/app.git', 'is a URL; write "acme/app"'],
    ['acme/app.git', 'ends with ".git"; write "acme/app"'],
    ['app', 'has no owner; write "OWNER/app"'],
    ['acme/..', 'has an invalid name'],
  ])('reject %s with a fix', (repo, message) => {
    expect(one(cousins({ repo, subscriptions: ['x'] })).message).toContain(message);
  });

  it('find duplicates case-insensitively and point at the later entry', () => {
    const problem = one(cousins({ repo: 'User/Repo', subscriptions: ['x'] }, { repo: 'user/repo', subscriptions: ['y'] }));
    expect(problem).toMatchObject({ rule: 'repo/duplicate', line: 10 });
    expect(problem.message).toContain('already listed on line 4 as "User/Repo"');
  });
});

describe('subscription rules', () => {
  it('treat a trailing slash like the matcher does when looking for duplicates', () => {
    expect(rules(cousins({ repo: 'a/b', subscriptions: ['features/x', 'features/x/'] }))).toEqual(['subscriptions/duplicate']);
  });

  it('keep an exclusion and a subscription of the same path apart from duplicates', () => {
    expect(rules(cousins({ repo: 'a/b', subscriptions: ['features/x', '!features/x/docs', '!features/x/docs'] }))).toEqual(['subscriptions/duplicate']);
  });

  it('call a list of only exclusions empty', () => {
    expect(one(cousins({ repo: 'a/b', subscriptions: ['!features/x'] })).message).toContain('only exclusions');
  });

  it('warn about a subscription inside a directory subscription of the same cousin, not of another', () => {
    const same = lintText(cousins({ repo: 'a/b', subscriptions: ['features/webpush/**', 'features', 'features/pwa'] }), 'ecosystem.json');
    expect(same.map((p) => [p.rule, p.severity, p.line])).toEqual([
      ['subscriptions/nested', 'warning', 6],
      ['subscriptions/nested', 'warning', 8],
    ]);
    expect(rules(cousins({ repo: 'a/b', subscriptions: ['features'] }, { repo: 'c/d', subscriptions: ['features/pwa'] }))).toEqual([]);
  });

  it('do not treat a sibling with the same prefix as nested', () => {
    expect(rules(cousins({ repo: 'a/b', subscriptions: ['features/flask', 'features/flask-v2'] }))).toEqual([]);
  });

  it('warn about both of two nested subscriptions only once, on the inner one', () => {
    expect(at(cousins({ repo: 'a/b', subscriptions: ['features/x/app', 'features/x'] }))).toEqual(['subscriptions/nested@6:9']);
  });
});

describe('glob rules', () => {
  it.each([
    ['features/{a,b', 'never closed'],
    ['features/[abc', 'never closed'],
    ['features/@(a|b', 'never closed'],
    ['features/[z-a]/*.py', 'can never match'],
    ['!!features/x', 'once too often'],
  ])('reject %s', (pattern, message) => {
    const problem = one(cousins({ repo: 'a/b', subscriptions: ['features/y', pattern] }));
    expect(problem.rule).toBe('glob/invalid');
    expect(problem.message).toContain(message);
  });

  it('warn that ** inside a segment only acts like *', () => {
    expect(one(cousins({ repo: 'a/b', subscriptions: ['features/**.py'] })).message).toContain('"**/*.py"');
  });

  it('reject a leading ! in defaults.exclude, which would invert the glob', () => {
    expect(one('{"defaults": {"exclude": ["!**/*.md"]}, "cousins": []}').rule).toBe('glob/invalid');
  });
});

describe('exclusions without the path check', () => {
  it('are unused when they lie outside every subscription of the cousin', () => {
    expect(rules(cousins({ repo: 'a/b', subscriptions: ['features/flask', '!features/react/**'] }))).toEqual(['exclusion/unused']);
  });

  it('are kept when they may meet a subscription', () => {
    const text = cousins({ repo: 'a/b', subscriptions: ['features/flask', 'features/*/react/**', '!features/flask/docs', '!features/pwa/react/x', '!features'] });
    expect(rules(text)).toEqual([]);
  });
});

describe('the path check against tracked files', () => {
  const trackedFiles = ['features/flask/app.py', 'features/flask/docs/a.md', 'features/react/x.ts', 'README.md'];

  it('reports a subscription that matches no tracked file, with the closest existing path', () => {
    const problem = one(cousins({ repo: 'a/b', subscriptions: ['features/flsk'] }), { trackedFiles });
    expect(problem).toMatchObject({ rule: 'path/no-match', line: 6, column: 9 });
    expect(problem.message).toContain('did you mean "features/flask"?');
  });

  it('reports a glob that matches nothing', () => {
    expect(rules(cousins({ repo: 'a/b', subscriptions: ['features/*/none/**'] }), { trackedFiles })).toEqual(['path/no-match']);
  });

  it('matches dotfiles and exact files like the dispatcher does', () => {
    expect(rules(cousins({ repo: 'a/b', subscriptions: ['**/.env', 'README.md'] }), { trackedFiles: [...trackedFiles, 'features/flask/.env'] })).toEqual([]);
  });

  it('reports a subscription whose every file is excluded', () => {
    const text = JSON.stringify({ defaults: { exclude: ['**/*.md'] }, cousins: [{ repo: 'a/b', subscriptions: ['features/flask/docs'] }] });
    expect(one(text, { trackedFiles }).message).toContain('every tracked file');
  });

  it('reports an exclusion that excludes no subscribed file, even when its pattern overlaps', () => {
    const text = cousins({ repo: 'a/b', subscriptions: ['features/flask', '!features/flask/*.js', '!features/flask/docs/**'] });
    expect(at(text, { trackedFiles })).toEqual(['exclusion/unused@7:9']);
  });

  it('reports a defaults.exclude glob that matches no tracked file', () => {
    expect(rules('{"defaults": {"exclude": ["**/*.rst"]}, "cousins": []}', { trackedFiles })).toEqual(['exclusion/unused']);
  });
});

describe('eventType', () => {
  it('accepts 1 to 100 characters, in cousins and defaults', () => {
    expect(rules(JSON.stringify({ defaults: { eventType: 'x'.repeat(100) }, cousins: [{ repo: 'a/b', subscriptions: ['x'], eventType: 'y' }] }))).toEqual([]);
    expect(rules(JSON.stringify({ defaults: { eventType: 'x'.repeat(101) }, cousins: [{ repo: 'a/b', subscriptions: ['x'], eventType: '' }] }))).toEqual([
      'event-type/length',
      'event-type/length',
    ]);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(rules(cousins({ repo: 'a/b', subscriptions: ['x'], eventType: '🚀'.repeat(100) }))).toEqual([]);
  });
});

describe('JSON syntax', () => {
  it.each([
    ['{"cousins": [],}', 1, 15, 'trailing comma'],
    ['[\n  // a comment\n]', 2, 3, 'comments'],
    ["[{'repo': 'a/b'}]", 1, 3, 'double quotes'],
    ['[\n  {"repo": "a/b"\n', 2, 17, 'end of file'],
  ])('%j is one positioned json/syntax problem', (text, line, column, message) => {
    const problem = one(text);
    expect(problem).toMatchObject({ rule: 'json/syntax', line, column });
    expect(problem.message).toContain(message);
  });

  it('ignores a byte order mark', () => {
    expect(rules('\ufeff[{"repo": "a/b", "subscriptions": ["x"]}]')).toEqual([]);
  });
});

describe('telling the two files apart', () => {
  it.each([
    [[{ repo: 'a/b', subscriptions: [] }], 'ecosystem.json', 'ecosystem'],
    [{ cousins: [] }, 'x.json', 'ecosystem'],
    [['features/x'], 'x.json', 'subscriptions'],
    [{ subscriptions: {} }, 'x.json', 'subscriptions'],
    [{ $schema: 'https://unpkg.com/@ecosystem-dispatcher/core/schemas/subscriptions.schema.json' }, 'ecosystem.json', 'subscriptions'],
    [[], 'subscriptions.json', 'subscriptions'],
    [{}, 'config.json', 'ecosystem'],
  ])('%j in %s is %s', (value, file, kind) => {
    expect(detectKind(value, file)).toBe(kind);
  });

  it('lets --kind override the shape', () => {
    expect(lintText('["features/x"]', 'x.json', { kind: 'ecosystem' }).map((p) => p.rule)).toEqual(['schema/type']);
  });
});
