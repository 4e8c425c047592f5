import { UsageError } from '@ecosystem-dispatcher/core';
import { describe, expect, it } from 'vitest';
import { checkAnswers, DEFAULT_REF, parseSubscribeSpec, refProblem, toolVersionOf, type Draft } from './answers.js';

const draft = (overrides: Partial<Draft>): Draft => ({
  dir: '/tmp/x',
  upstream: 'acme/monorepo',
  subscribe: ['features/a'],
  method: undefined,
  labels: undefined,
  repo: undefined,
  standalone: false,
  ref: undefined,
  ...overrides,
});

describe('--subscribe PATH[:DEST]', () => {
  it('lands at the same path by default, at the root with "."', () => {
    expect(parseSubscribeSpec('features/a/')).toEqual({ path: 'features/a', to: 'features/a' });
    expect(parseSubscribeSpec('features/a:.')).toEqual({ path: 'features/a', to: '.' });
    expect(parseSubscribeSpec('features/a:./')).toEqual({ path: 'features/a', to: '.' });
    expect(parseSubscribeSpec('features/a:app/push/')).toEqual({ path: 'features/a', to: 'app/push' });
  });

  it.each(['', '/abs', 'a/../b', 'a//b', 'features/*', 'features/a;rm -rf ~:x/..'])('rejects %j with the flag in the message', (spec) => {
    expect(() => parseSubscribeSpec(spec)).toThrow(/^--subscribe /);
  });
});

describe('checkAnswers', () => {
  it('fills the defaults: patch, no labels, the release of this version', () => {
    const answers = checkAnswers(draft({}));
    expect(answers).toMatchObject({ method: 'patch', labels: [], ref: DEFAULT_REF, standalone: false });
    expect(DEFAULT_REF).toMatch(/^v\d+\.\d+\.\d+/);
  });

  it('splits, trims and de-duplicates labels', () => {
    expect(checkAnswers(draft({ labels: ' a, b,a ' })).labels).toEqual(['a', 'b']);
    expect(() => checkAnswers(draft({ labels: 'a,,b' }))).toThrow(/^--labels .*empty label/);
    expect(() => checkAnswers(draft({ labels: 'x'.repeat(51) }))).toThrow(/50 characters/);
  });

  it('refuses a feature given twice or inside another', () => {
    expect(() => checkAnswers(draft({ subscribe: ['features/a', 'features/a:x'] }))).toThrow(/given twice/);
    expect(() => checkAnswers(draft({ subscribe: ['features/a', 'features/a/b:x'] }))).toThrow(/overlap/);
    expect(() => checkAnswers(draft({ subscribe: ['features/ab:x', 'features/a:y'] }))).not.toThrow();
  });

  it('throws UsageError (exit 2) for every bad answer', () => {
    for (const bad of [{ upstream: 'acme' }, { method: 'rebase' }, { ref: '-x' }, { repo: 'a/b/c' }, { standalone: true, ref: 'main' }]) {
      expect(() => checkAnswers(draft(bad))).toThrow(UsageError);
    }
  });
});

describe('refs', () => {
  it('accepts tags, branches and commit SHAs, nothing a shell or YAML could misread', () => {
    for (const ref of ['v1.2.3', 'main', 'release/2026-11', 'a'.repeat(40)]) expect(refProblem(ref)).toBeUndefined();
    for (const ref of ['v1 2', 'x;y', '$(id)', 'a..b', 'main/', '.hidden', 'x.lock', 'v1#2', "a'b"]) expect(refProblem(ref)).toBeDefined();
  });

  it('knows the npm version of a release tag only', () => {
    expect(toolVersionOf('v1.2.3')).toBe('1.2.3');
    expect(toolVersionOf('v1.2.3-rc.1')).toBe('1.2.3-rc.1');
    expect(toolVersionOf('main')).toBeUndefined();
  });
});
