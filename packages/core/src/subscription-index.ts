import picomatch from 'picomatch';
import type { ChangedFile } from './changed-file.js';
import type { Cousin, EcosystemConfig } from './ecosystem-config.js';

/** What one cousin gets from a set of changed files. */
export interface CousinMatch {
  cousin: Cousin;
  /** Matched subscriptions, in the cousin's own order. */
  features: string[];
  /** Matched paths (both sides of a rename when both match), sorted. */
  files: string[];
  /** Per feature, its matched paths, sorted. */
  filesByFeature: Map<string, string[]>;
}

interface Hit {
  cousin: number;
  /** Index into the cousin's subscriptions, or -1 for an exclusion. */
  feature: number;
}

interface CompiledGlob {
  test: (path: string) => boolean;
  hits: Hit[];
}

class TrieNode {
  readonly children = new Map<string, TrieNode>();
  /** Literal subscriptions ending at this node: they match this path and everything under it. */
  readonly literals: Hit[] = [];
  /** Globs whose static base is this node: only tested for paths under it. */
  readonly globs: CompiledGlob[] = [];

  child(segment: string): TrieNode {
    let node = this.children.get(segment);
    if (!node) {
      node = new TrieNode();
      this.children.set(segment, node);
    }
    return node;
  }
}

const GLOB_OPTIONS = { dot: true } as const;

/**
 * Matches changed paths to subscriptions in O(path depth) per path instead of
 * O(subscriptions): literal subscriptions sit in a trie of path segments, and each distinct
 * glob is compiled once and hung on the trie node of its static base, so it is only tried
 * on paths that can match it.
 */
export class SubscriptionTrie {
  readonly #cousins: readonly Cousin[];
  readonly #root = new TrieNode();
  readonly #globs = new Map<string, CompiledGlob>();
  readonly #globalExclude: ((path: string) => boolean) | undefined;

  constructor(cousins: readonly Cousin[], globalExclude: readonly string[] = []) {
    this.#cousins = cousins;
    cousins.forEach((cousin, c) => {
      cousin.subscriptions.forEach((pattern, f) => this.#add(pattern, { cousin: c, feature: f }));
      cousin.exclusions.forEach((pattern) => this.#add(pattern, { cousin: c, feature: -1 }));
    });
    this.#globalExclude = globalExclude.length > 0 ? picomatch([...globalExclude], GLOB_OPTIONS) : undefined;
  }

  #add(pattern: string, hit: Hit): void {
    const scan = picomatch.scan(pattern);
    if (!scan.isGlob) {
      this.#nodeFor(pattern).literals.push(hit);
      return;
    }
    let glob = this.#globs.get(pattern);
    if (!glob) {
      glob = { test: picomatch(pattern, GLOB_OPTIONS), hits: [] };
      this.#globs.set(pattern, glob);
      this.#nodeFor(scan.base).globs.push(glob);
    }
    glob.hits.push(hit);
  }

  #nodeFor(path: string): TrieNode {
    let node = this.#root;
    if (path === '') return node;
    for (const segment of path.split('/')) node = node.child(segment);
    return node;
  }

  /** Calls `visit` with every subscription or exclusion hit for `path`. */
  #collect(path: string, visit: (hit: Hit) => void): void {
    let node: TrieNode | undefined = this.#root;
    for (const glob of node.globs) if (glob.test(path)) glob.hits.forEach(visit);
    let start = 0;
    while (node && start <= path.length) {
      let end = path.indexOf('/', start);
      if (end === -1) end = path.length;
      node = node.children.get(path.slice(start, end));
      if (!node) break;
      node.literals.forEach(visit);
      for (const glob of node.globs) if (glob.test(path)) glob.hits.forEach(visit);
      start = end + 1;
    }
  }

  /** Every cousin with at least one matched feature, in config order. */
  match(files: Iterable<ChangedFile>): CousinMatch[] {
    const features = new Map<number, Map<number, Set<string>>>();
    const included: Hit[] = [];
    const excluded = new Set<number>();
    const consider = (path: string) => {
      if (this.#globalExclude?.(path)) return;
      included.length = 0;
      excluded.clear();
      this.#collect(path, (hit) => (hit.feature === -1 ? excluded.add(hit.cousin) : included.push(hit)));
      for (const hit of included) {
        if (excluded.has(hit.cousin)) continue;
        let byFeature = features.get(hit.cousin);
        if (!byFeature) features.set(hit.cousin, (byFeature = new Map()));
        let paths = byFeature.get(hit.feature);
        if (!paths) byFeature.set(hit.feature, (paths = new Set()));
        paths.add(path);
      }
    };
    for (const file of files) {
      consider(file.path);
      if (file.oldPath !== undefined && file.oldPath !== file.path) consider(file.oldPath);
    }
    return [...features.keys()].sort((a, b) => a - b).map((c) => toCousinMatch(this.#cousins[c]!, features.get(c)!));
  }
}

function toCousinMatch(cousin: Cousin, byFeature: Map<number, Set<string>>): CousinMatch {
  const order = [...byFeature.keys()].sort((a, b) => a - b);
  const filesByFeature = new Map<string, string[]>();
  const all = new Set<string>();
  for (const f of order) {
    const paths = [...byFeature.get(f)!].sort(comparePaths);
    filesByFeature.set(cousin.subscriptions[f]!, paths);
    for (const p of paths) all.add(p);
  }
  return { cousin, features: [...filesByFeature.keys()], files: [...all].sort(comparePaths), filesByFeature };
}

/** Byte order, like git: deterministic whatever the locale. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function matchSubscriptions(config: EcosystemConfig, files: Iterable<ChangedFile>): CousinMatch[] {
  return new SubscriptionTrie(config.cousins, config.exclude).match(files);
}
