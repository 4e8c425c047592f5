import { describe, expect, it } from 'vitest';
import { lintText } from './lint.js';

const ecosystem = (subscriptions: string[], trackedFiles?: string[], exclude?: string[]) =>
  lintText(JSON.stringify({ ...(exclude ? { defaults: { exclude } } : {}), cousins: [{ repo: 'acme/app', subscriptions }] }, null, 2), 'ecosystem.json', {
    kind: 'ecosystem',
    ...(trackedFiles ? { trackedFiles } : {}),
  });
const cousin = (value: unknown, upstreamFiles?: string[]) =>
  lintText(JSON.stringify(value, null, 2), 'subscriptions.json', { kind: 'subscriptions', ...(upstreamFiles ? { upstreamFiles } : {}) });
const rules = (problems: ReturnType<typeof lintText>) => problems.map((p) => p.rule);

describe('a subscription starting with "!(" (glob/negated-extglob)', () => {
  it('is an exclusion here, not picomatch\'s "anything but": lint says so at the entry and shows the rewrite', () => {
    const [problem] = ecosystem(['features/webpush/flask', '!(docs)/**']);
    expect(problem).toMatchObject({ rule: 'glob/negated-extglob', severity: 'warning', line: 7, column: 9 });
    expect(problem!.message).toContain('excludes "(docs)/**"');
    expect(problem!.message).toContain('subscribe "*/**" and exclude "!@(docs)/**"');
  });

  it('leaves an extglob later in the path alone: there it is picomatch\'s', () => {
    expect(rules(ecosystem(['features/!(react)/**']))).toEqual([]);
  });

  it('leaves an exclusion of a route group alone', () => {
    expect(rules(ecosystem(['app', '!app/(marketing)']))).toEqual([]);
  });
});

describe('brackets and parentheses read as names (glob/literal-name)', () => {
  it.each([
    ['features/[a-z]/flask', '"[a-z]" names a folder, not a character class', '"features/[a-z]/flask/**"'],
    ['features/[!x]/flask', '"[!x]" names a folder', '"features/[!x]/flask/**"'],
    ['features/(flask|django)', '"(flask|django)" names a folder, not a choice', '"features/{flask,django}"'],
  ])('%s: warns with the reading and a rewrite', (path, reading, rewrite) => {
    const [problem] = ecosystem([path]);
    expect(problem).toMatchObject({ rule: 'glob/literal-name', severity: 'warning' });
    expect(problem!.message).toContain(reading);
    expect(problem!.message).toContain(rewrite);
  });

  it.each(['app/(marketing)/[slug]', 'src/pages/[...slug].astro', 'src/routes/[[lang]]/[slug=word]', 'app/[id-name]'])('leaves route names such as %s alone', (path) => {
    expect(rules(ecosystem([path]))).toEqual([]);
  });

  it('is quiet when the name really exists in the monorepo', () => {
    expect(rules(ecosystem(['features/[a-z]'], ['features/[a-z]/x.py']))).toEqual([]);
  });

  it('adds to path/no-match when the name does not exist', () => {
    expect(rules(ecosystem(['features/[a-z]'], ['features/a/x.py'])).sort()).toEqual(['glob/literal-name', 'path/no-match']);
  });

  it("applies to a cousin's followed paths and to defaults.exclude", () => {
    expect(rules(cousin({ upstream: 'a/b', subscriptions: ['features/(a|b)'] }))).toEqual(['glob/literal-name']);
    expect(rules(ecosystem(['features'], undefined, ['features/[0-9]']))).toEqual(['glob/literal-name']);
  });
});

describe('workflow files in a subscription (subscriptions/workflow-files)', () => {
  const tracked = ['features/ci/.github/workflows/test.yml', 'features/ci/lint.sh', 'features/web/app.py', '.github/workflows/release.yml'];

  it('ecosystem.json: names the first workflow file a subscription carries, the count and the permission', () => {
    const [problem] = ecosystem(['features/ci'], tracked);
    expect(problem).toMatchObject({ rule: 'subscriptions/workflow-files', severity: 'warning', line: 6, column: 9 });
    expect(problem!.message).toContain('(features/ci/.github/workflows/test.yml)');
    expect(problem!.message).toContain('"Workflows: Read and write"');
    expect(problem!.message).toContain('GITHUB_TOKEN never has');
    expect(ecosystem(['**/*.yml'], tracked)[0]!.message).toContain('(.github/workflows/release.yml and 1 more)');
  });

  it('ecosystem.json: is quiet when the workflow files are excluded, by the cousin or by default', () => {
    expect(rules(ecosystem(['features/ci', '!features/ci/.github'], tracked))).toEqual([]);
    expect(rules(ecosystem(['features/ci'], tracked, ['**/.github/**']))).toEqual([]);
    expect(rules(ecosystem(['features/web'], tracked))).toEqual([]);
  });

  it("subscriptions.json: with the monorepo's files, maps them through the destination", () => {
    const [problem] = cousin({ upstream: 'a/b', protect: [], subscriptions: { 'features/ci': '.' } }, tracked);
    expect(problem).toMatchObject({ rule: 'subscriptions/workflow-files' });
    expect(problem!.message).toContain('(.github/workflows/test.yml)');
    expect(rules(cousin({ upstream: 'a/b', subscriptions: { 'features/web': 'app' } }, tracked))).toEqual([]);
  });

  it('subscriptions.json: without them, a destination inside .github/workflows is enough', () => {
    expect(rules(cousin({ upstream: 'a/b', subscriptions: { 'features/ci/workflows': '.github/workflows' } }))).toEqual(['subscriptions/workflow-files']);
    expect(rules(cousin({ upstream: 'a/b', subscriptions: { 'features/ci': 'ci' } }))).toEqual([]);
  });
});

describe('a feature synced into the root (destination/root)', () => {
  it('warns at the destination, naming what sync always protects and the default protect list', () => {
    const [problem] = cousin({ upstream: 'a/b', subscriptions: { 'features/web': '.' } });
    expect(problem).toMatchObject({ rule: 'destination/root', severity: 'warning', line: 4, column: 21 });
    for (const text of ['.github/**', 'this subscriptions.json', '.gitmodules', '.git* entry', 'README.md, LICENSE, LICENSE.*', '"protect"']) {
      expect(problem!.message).toContain(text);
    }
  });

  it('also in the list form', () => {
    expect(rules(cousin({ upstream: 'a/b', subscriptions: [{ path: 'features/web', to: './' }] }))).toEqual(['destination/root']);
  });

  it('is quiet once the file sets "protect", even an empty list: the choice is made', () => {
    expect(rules(cousin({ upstream: 'a/b', protect: ['README.md', 'docs/**'], subscriptions: { 'features/web': '.' } }))).toEqual([]);
    expect(rules(cousin({ upstream: 'a/b', protect: [], subscriptions: { 'features/web': '.' } }))).toEqual([]);
  });

  it('does not concern other destinations', () => {
    expect(rules(cousin({ upstream: 'a/b', subscriptions: { 'features/web': 'web' } }))).toEqual([]);
  });
});
