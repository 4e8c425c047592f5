import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import type { Cousin } from './ecosystem-config.js';
import { globFeatureOf } from './glob-feature.js';
import { isPathWithin } from './paths.js';
import { SubscriptionTrie } from './subscription-index.js';

/** mulberry32: a small seeded generator, so a failure replays exactly. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ['a', 'b', 'ab', '.env', 'x.py', 'y.md', '[slug]', '(shop)', '[...all].astro', 'a-b', 'b.c'];
// `*` and `**` are listed several times: the trie treats them specially, so they get the most tries.
const GLOB_SEGMENTS = ['*', '*', '*', '**', '**', '**', 'a*', '*b', '*.py', '?', 'a?', '[ab]', '[!a]*', '{a,b}', '{a,x.py}', '*.{py,md}', '@(a|b)', '!(a)', '[b/]c', '.*'];

function randomPath(random: () => number): string {
  const depth = 1 + Math.floor(random() * 4);
  return Array.from({ length: depth }, () => NAMES[Math.floor(random() * NAMES.length)]!).join('/');
}

function randomPattern(random: () => number): string {
  const depth = 1 + Math.floor(random() * 4);
  return Array.from({ length: depth }, () => {
    const from = random() < 0.45 ? GLOB_SEGMENTS : NAMES;
    return from[Math.floor(random() * from.length)]!;
  }).join('/');
}

/**
 * The README's rule, the one deliberate difference from picomatch: a pattern without `*`,
 * `?`, a brace or an extglob is a name, so `[slug]` and `(shop)` are matched as written.
 */
const isGlob = (pattern: string) => /[*?{]|[@+!]\(/.test(pattern);

function cousin(pattern: string, index: number): Cousin {
  return { repo: `o/c${index}`, subscriptions: [pattern], exclusions: [], eventType: 'feature-update', batch: true, enabled: true, index };
}

describe('the matcher against picomatch, on random patterns and paths (seeded)', () => {
  it('matches exactly what picomatch matches, plus the path a subscription names and everything under it; names without *, ?, braces or extglobs are only names', () => {
    const random = prng(Number(process.env.FUZZ_SEED ?? 20261129));
    const paths = [...new Set(Array.from({ length: 300 }, () => randomPath(random)))];
    const patterns = [...new Set(Array.from({ length: 6000 }, () => randomPattern(random)))].filter((p) => !p.startsWith('!'));
    const trie = new SubscriptionTrie(patterns.map(cousin));
    const actual = new Map(trie.match(paths.map((path) => ({ status: 'M' as const, path }))).map((m) => [m.cousin.subscriptions[0]!, m.files]));
    const disagreements: string[] = [];
    for (const pattern of patterns) {
      const isMatch = isGlob(pattern) ? picomatch(pattern, { dot: true }) : () => false;
      const expected = paths.filter((path) => isMatch(path) || isPathWithin(path, pattern)).sort();
      const got = actual.get(pattern) ?? [];
      if (JSON.stringify(got) !== JSON.stringify(expected)) disagreements.push(`${pattern}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
    }
    expect(patterns.length).toBeGreaterThan(2000);
    expect(disagreements.slice(0, 10)).toEqual([]);
  });

  it('an exclusion removes what the same pattern would match, and defaults.exclude removes the same for every cousin', () => {
    const random = prng(Number(process.env.FUZZ_SEED ?? 20261129) + 1);
    const paths = [...new Set(Array.from({ length: 300 }, () => randomPath(random)))];
    const patterns = [...new Set(Array.from({ length: 1500 }, () => randomPattern(random)))];
    const files = paths.map((path) => ({ status: 'M' as const, path }));
    const disagreements: string[] = [];
    for (const pattern of patterns) {
      const isMatch = isGlob(pattern) ? picomatch(pattern, { dot: true }) : () => false;
      const expected = paths.filter((path) => !(isMatch(path) || isPathWithin(path, pattern))).sort();
      const own = new SubscriptionTrie([{ ...cousin('**', 0), exclusions: [pattern] }]).match(files)[0]?.files ?? [];
      const global = new SubscriptionTrie([cousin('**', 0)], [pattern]).match(files)[0]?.files ?? [];
      if (JSON.stringify(own) !== JSON.stringify(expected)) disagreements.push(`!${pattern}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(own)}`);
      if (JSON.stringify(global) !== JSON.stringify(own)) disagreements.push(`defaults.exclude ${pattern} differs from !${pattern}`);
    }
    expect(disagreements.slice(0, 10)).toEqual([]);
  });

  it("splits each glob's matches into the concrete folders its segments select, path by path", () => {
    const random = prng(Number(process.env.FUZZ_SEED ?? 20261129) + 2);
    // Names holding glob characters, so some paths lie within a glob's own text (a folder literally named `a/*`).
    const paths = [...new Set([...Array.from({ length: 300 }, () => randomPath(random)), 'a/*/x.py', 'a/*', '*/b/c', '**/x.py'])];
    const patterns = [...new Set(Array.from({ length: 3000 }, () => randomPattern(random)))].filter((p) => isGlob(p) && !p.startsWith('!'));
    const trie = new SubscriptionTrie(patterns.map(cousin));
    const disagreements: string[] = [];
    for (const match of trie.match(paths.map((path) => ({ status: 'M' as const, path })))) {
      const pattern = match.cousin.subscriptions[0]!;
      const expected = new Map<string, string[]>();
      for (const path of match.files) {
        const feature = isPathWithin(path, pattern) ? pattern : globFeatureOf(pattern, path);
        expected.set(feature, [...(expected.get(feature) ?? []), path]);
      }
      const sorted = (m: Map<string, string[]>) => JSON.stringify([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      if (sorted(match.filesByFeature) !== sorted(expected)) disagreements.push(`${pattern}: expected ${sorted(expected)}, got ${sorted(match.filesByFeature)}`);
    }
    expect(patterns.length).toBeGreaterThan(1000);
    expect(disagreements.slice(0, 5)).toEqual([]);
  });
});
