/**
 * Matcher benchmark: 100,000 changed paths against 10,000 cousins with 5 subscriptions each
 * (directories, exact files, globs, some exclusions). Compares the subscription trie with the
 * naive approach of path-filter actions (every file × every cousin × every pattern through
 * picomatch), measured in the same run, and checks both give identical results.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import picomatch from 'picomatch';
import { globFeatureOf, isGlobPattern, isPathWithin, SubscriptionTrie, type ChangedFile, type Cousin } from '@ecosystem-dispatcher/core';
import { prng } from './prng.js';

const PATHS = 100_000;
const COUSINS = 10_000;
const AREAS = 200;
const STACKS = 50;
const BASELINE_SAMPLE = 100;

export function generate(): { paths: string[]; cousins: Cousin[] } {
  const random = prng(42);
  const pick = (n: number) => Math.floor(random() * n);
  const feature = () => `features/area${pick(AREAS)}/stack${pick(STACKS)}`;
  const leaves = ['src', 'docs', 'tests', 'config', '.github'];
  const exts = ['py', 'ts', 'md', 'sql', 'json'];
  const paths = Array.from({ length: PATHS }, (_, i) =>
    random() < 0.05 ? `docs/page-${i}.md` : `${feature()}/${leaves[pick(leaves.length)]}/${random() < 0.3 ? `deep${pick(5)}/` : ''}file-${i}.${exts[pick(exts.length)]}`,
  );
  const wideGlobs = Array.from({ length: 20 }, (_, i) => `features/*/stack${i}/**`);
  const cousins: Cousin[] = Array.from({ length: COUSINS }, (_, index) => {
    const subscriptions = [feature(), feature(), feature(), paths[pick(PATHS)]!];
    const roll = random();
    if (roll < 0.05) subscriptions.push(wideGlobs[pick(wideGlobs.length)]!);
    else if (roll < 0.75) subscriptions.push(`features/area${pick(AREAS)}/*/docs/**`);
    else subscriptions.push(`${feature()}/**/*.${exts[pick(exts.length)]}`);
    const exclusions = random() < 0.2 ? [`${subscriptions[0]}/docs/**`] : [];
    return { repo: `org${index % 97}/cousin-${index}`, subscriptions, exclusions, eventType: 'feature-update', batch: true, enabled: true, index };
  });
  return { paths, cousins };
}

/** What path-filter actions do: every file, every cousin, every pattern (compiled once, to be fair). */
function naiveMatch(cousins: readonly Cousin[], paths: readonly string[]): Map<string, Set<string>> {
  // The README's meaning: the path a subscription names and everything under it, and a glob's picomatch matches.
  const compile = (s: string) => {
    const glob = isGlobPattern(s) ? picomatch(s, { dot: true }) : () => false;
    return (path: string) => isPathWithin(path, s) || glob(path);
  };
  const compiled = cousins.map((c) => ({
    repo: c.repo,
    include: c.subscriptions.map((s) => ({ pattern: s, test: compile(s) })),
    exclude: c.exclusions.map(compile),
  }));
  const result = new Map<string, Set<string>>();
  for (const path of paths) {
    for (const cousin of compiled) {
      if (cousin.exclude.some((test) => test(path))) continue;
      for (const { pattern, test } of cousin.include) {
        if (!test(path)) continue;
        // A glob's feature is the concrete folder its segments select.
        const feature = !isGlobPattern(pattern) || isPathWithin(path, pattern) ? pattern : globFeatureOf(pattern, path);
        const key = `${cousin.repo}\t${feature}`;
        let set = result.get(key);
        if (!set) result.set(key, (set = new Set()));
        set.add(path);
      }
    }
  }
  return result;
}

function trieMatch(trie: SubscriptionTrie, paths: readonly string[]): Map<string, Set<string>> {
  const files: ChangedFile[] = paths.map((path) => ({ status: 'M', path }));
  const result = new Map<string, Set<string>>();
  for (const match of trie.match(files)) {
    for (const [feature, matched] of match.filesByFeature) result.set(`${match.cousin.repo}\t${feature}`, new Set(matched));
  }
  return result;
}

function sameResults(a: Map<string, Set<string>>, b: Map<string, Set<string>>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, set] of a) {
    const other = b.get(key);
    if (!other || other.size !== set.size || [...set].some((p) => !other.has(p))) return false;
  }
  return true;
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export async function benchMatcher(): Promise<string[]> {
  const { paths, cousins } = generate();
  const runs: number[] = [];
  let matched = 0;
  let trie: SubscriptionTrie | undefined;
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    trie = new SubscriptionTrie(cousins);
    matched = trie.match(paths.map((path) => ({ status: 'M' as const, path }))).length;
    runs.push(performance.now() - start);
  }
  const trieMs = median(runs);

  const sample = paths.filter((_, i) => i % Math.floor(PATHS / BASELINE_SAMPLE) === 0).slice(0, BASELINE_SAMPLE);
  const naiveStart = performance.now();
  const naive = naiveMatch(cousins, sample);
  const naiveSampleMs = performance.now() - naiveStart;
  const naiveMs = naiveSampleMs * (PATHS / sample.length);
  const agree = sameResults(naive, trieMatch(trie!, sample));
  if (!agree) throw new Error('matcher benchmark: the trie and the naive baseline disagree');

  const ratio = naiveMs / trieMs;
  return [
    `matcher: ${PATHS.toLocaleString('en')} changed paths × ${COUSINS.toLocaleString('en')} cousins × 5 subscriptions (${matched.toLocaleString('en')} cousins matched)`,
    `  subscription trie (index + match, median of 5): ${trieMs.toFixed(0)} ms   target < 1000 ms: ${trieMs < 1000 ? 'met' : 'MISSED'}`,
    `  naive baseline (every file × cousin × pattern): ${naiveSampleMs.toFixed(0)} ms for ${sample.length} paths → ${(naiveMs / 1000).toFixed(1)} s for ${PATHS.toLocaleString('en')} (linear in paths)`,
    `  speed-up: ${ratio.toFixed(0)}x   target ≥ 50x: ${ratio >= 50 ? 'met' : 'MISSED'}   results identical on the sample: ${agree ? 'yes' : 'NO'}`,
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await benchMatcher()) console.log(line);
}
