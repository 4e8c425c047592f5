import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintText } from './lint.js';
import { RULES } from './rules.js';
import { EXAMPLE_MONOREPO_DIR, LINT_EXAMPLES_DIR, listFiles } from './test-support/examples.js';

const trackedFiles = listFiles(EXAMPLE_MONOREPO_DIR);
const fixture = (dir: 'valid' | 'invalid', name: string) => readFileSync(join(LINT_EXAMPLES_DIR, dir, name), 'utf8');
const found = (text: string, name: string, pathCheck: boolean) =>
  lintText(text, name, pathCheck ? { trackedFiles } : {}).map((p) => ({ rule: p.rule, line: p.line, column: p.column }));

/** One fixture per rule in examples/lint/invalid: the file breaks only that rule, at this spot. */
const INVALID: Array<[file: string, rule: string, line: number, column: number]> = [
  ['json-syntax.json', 'json/syntax', 5, 49],
  ['json-duplicate-key.json', 'json/duplicate-key', 7, 7],
  ['schema-type.json', 'schema/type', 9, 16],
  ['schema-required.json', 'schema/required', 4, 5],
  ['schema-unknown-key.json', 'schema/unknown-key', 6, 7],
  ['schema-value.subscriptions.json', 'schema/value', 7, 17],
  ['repo-format.json', 'repo/format', 5, 15],
  ['repo-duplicate.json', 'repo/duplicate', 11, 15],
  ['subscriptions-empty.json', 'subscriptions/empty', 6, 24],
  ['subscriptions-duplicate.json', 'subscriptions/duplicate', 9, 9],
  ['subscriptions-nested.json', 'subscriptions/nested', 8, 9],
  ['subscriptions-pattern.subscriptions.json', 'subscriptions/pattern', 5, 5],
  ['path-empty.json', 'path/empty', 8, 9],
  ['path-absolute.json', 'path/absolute', 7, 9],
  ['path-parent.json', 'path/parent', 7, 9],
  ['path-backslash.json', 'path/backslash', 7, 9],
  ['path-empty-segment.json', 'path/empty-segment', 7, 9],
  ['path-dot-segment.json', 'path/dot-segment', 7, 9],
  ['path-control-character.json', 'path/control-character', 7, 9],
  ['path-no-match.json', 'path/no-match', 7, 9],
  ['glob-invalid.json', 'glob/invalid', 7, 9],
  ['glob-globstar.json', 'glob/globstar', 7, 9],
  ['glob-negated-extglob.json', 'glob/negated-extglob', 8, 9],
  ['glob-literal-name.subscriptions.json', 'glob/literal-name', 5, 5],
  ['subscriptions-workflow-files.subscriptions.json', 'subscriptions/workflow-files', 5, 30],
  ['destination-root.subscriptions.json', 'destination/root', 5, 31],
  ['exclusion-unused.json', 'exclusion/unused', 8, 9],
  ['event-type-length.json', 'event-type/length', 9, 20],
  ['upstream-format.subscriptions.json', 'upstream/format', 3, 15],
  ['upstream-missing.subscriptions.json', 'upstream/missing', 1, 1],
  ['destination-empty.subscriptions.json', 'destination/empty', 5, 47],
  ['destination-absolute.subscriptions.json', 'destination/absolute', 5, 31],
  ['destination-parent.subscriptions.json', 'destination/parent', 5, 31],
  ['destination-backslash.subscriptions.json', 'destination/backslash', 5, 31],
  ['destination-empty-segment.subscriptions.json', 'destination/empty-segment', 5, 31],
  ['destination-dot-segment.subscriptions.json', 'destination/dot-segment', 5, 31],
  ['destination-control-character.subscriptions.json', 'destination/control-character', 5, 31],
  ['destination-overlap.subscriptions.json', 'destination/overlap', 6, 31],
  ['destination-nested.subscriptions.json', 'destination/nested', 6, 29],
  ['method-unknown.subscriptions.json', 'method/unknown', 4, 13],
];

describe('the invalid examples', () => {
  it.each(INVALID)('%s breaks %s at %i:%i and nothing else', (file, rule, line, column) => {
    expect(found(fixture('invalid', file), file, true)).toEqual([{ rule, line, column }]);
  });

  it.each(INVALID.filter(([, rule]) => rule !== 'path/no-match'))('%s is found without the path check too', (file, rule, line, column) => {
    expect(found(fixture('invalid', file), file, false)).toEqual([{ rule, line, column }]);
  });

  it('path/no-match needs the path check: without tracked files the fixture is clean', () => {
    expect(found(fixture('invalid', 'path-no-match.json'), 'path-no-match.json', false)).toEqual([]);
  });

  it('cover every rule, one file each, named after the rule', () => {
    expect(INVALID.map(([, rule]) => rule).sort()).toEqual(Object.keys(RULES).sort());
    expect(readdirSync(join(LINT_EXAMPLES_DIR, 'invalid')).sort()).toEqual(INVALID.map(([file]) => file).sort());
    for (const [file, rule] of INVALID) expect(file.replace(/\.(subscriptions\.)?json$/, '')).toBe(rule.replace('/', '-'));
  });
});

describe('the valid examples', () => {
  const names = readdirSync(join(LINT_EXAMPLES_DIR, 'valid')).sort();

  it('exist for both files and both forms', () => {
    expect(names).toEqual(expect.arrayContaining(['ecosystem.json', 'ecosystem-seed.json', 'subscriptions.json', 'subscriptions-seed.json']));
  });

  it.each(names)('%s has no problems, with and without the path check', (name) => {
    expect(found(fixture('valid', name), name, true)).toEqual([]);
    expect(found(fixture('valid', name), name, false)).toEqual([]);
  });

  it("the example monorepo's own ecosystem.json is clean against its files", () => {
    const text = readFileSync(join(EXAMPLE_MONOREPO_DIR, 'ecosystem.json'), 'utf8');
    expect(found(text, 'ecosystem.json', true)).toEqual([]);
  });
});

describe('the documentation', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const examplesReadme = readFileSync(join(LINT_EXAMPLES_DIR, 'README.md'), 'utf8');

  it.each(Object.keys(RULES))('lists %s in the package README and in examples/lint/README.md', (rule) => {
    expect(readme).toContain(`\`${rule}\``);
    expect(examplesReadme).toContain(`\`${rule}\``);
  });
});
