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
  /** The child for a whole-segment `*` of a glob: any one segment. */
  wildcard: TrieNode | undefined;
  /** Subscriptions ending at this node that match this path and everything under it
   * (literal paths, and globs ending in `/**`). */
  readonly literals: Hit[] = [];
  /** Globs that end exactly at this node, such as `features/ * /flask` (no spaces): this path only. */
  readonly exact: Hit[] = [];
  /** Globs whose static base is this node: only tested for paths under it. */
  readonly globs: CompiledGlob[] = [];

  wildcardChild(): TrieNode {
    return (this.wildcard ??= new TrieNode());
  }

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
    if (!picomatch.scan(pattern).isGlob) {
      this.#walkTo(pattern.split('/')).literals.push(hit);
      return;
    }
    // Leading literal and whole-segment `*` parts become trie edges; what is left decides
    // how the glob is checked once a path reaches that node.
    const segments = pattern.split('/');
    let depth = 0;
    while (depth < segments.length && (segments[depth] === '*' || !picomatch.scan(segments[depth]!).isGlob)) depth++;
    const node = this.#walkTo(segments.slice(0, depth));
    const rest = segments.slice(depth);
    if (rest.length === 0) return void node.exact.push(hit);
    if (rest.length === 1 && rest[0] === '**') return void node.literals.push(hit);
    let glob = this.#globs.get(pattern);
    if (!glob) {
      // The bare regex: picomatch's matcher function adds per-call bookkeeping.
      const regex = picomatch.makeRe(pattern, GLOB_OPTIONS);
      glob = { test: (path) => regex.test(path), hits: [] };
      this.#globs.set(pattern, glob);
      node.globs.push(glob);
    }
    glob.hits.push(hit);
  }

  #walkTo(segments: readonly string[]): TrieNode {
    let node = this.#root;
    for (const segment of segments) node = segment === '*' ? node.wildcardChild() : node.child(segment);
    return node;
  }

  /** Calls `visit` with every subscription or exclusion hit for `path`. */
  #collect(path: string, visit: (hit: Hit) => void): void {
    const segments = path.split('/');
    let frontier: TrieNode[] = [this.#root];
    for (const glob of this.#root.globs) if (glob.test(path)) glob.hits.forEach(visit);
    for (let depth = 0; depth < segments.length && frontier.length > 0; depth++) {
      const last = depth === segments.length - 1;
      const next: TrieNode[] = [];
      for (const node of frontier) {
        const literal = node.children.get(segments[depth]!);
        if (literal) next.push(literal);
        if (node.wildcard) next.push(node.wildcard);
      }
      for (const node of next) {
        node.literals.forEach(visit);
        if (last) node.exact.forEach(visit);
        for (const glob of node.globs) if (glob.test(path)) glob.hits.forEach(visit);
      }
      frontier = next;
    }
  }

  /** Every cousin with at least one matched feature, in config order. */
  match(files: Iterable<ChangedFile>): CousinMatch[] {
    // Each path is visited once, in byte order, so every per-cousin list comes out sorted
    // and de-duplicated by comparing with its last element: no sets, no sorting per cousin.
    const paths = uniqueSortedPaths(files);
    const states: (CousinState | undefined)[] = new Array(this.#cousins.length);
    const included: Hit[] = [];
    const excluded = new Set<number>();
    const visit = (hit: Hit) => (hit.feature === -1 ? excluded.add(hit.cousin) : included.push(hit));
    for (const path of paths) {
      if (this.#globalExclude?.(path)) continue;
      included.length = 0;
      excluded.clear();
      this.#collect(path, visit);
      for (const hit of included) {
        if (excluded.size > 0 && excluded.has(hit.cousin)) continue;
        const state = (states[hit.cousin] ??= { byFeature: [], files: [] });
        const list = (state.byFeature[hit.feature] ??= []);
        if (list[list.length - 1] !== path) list.push(path);
        if (state.files[state.files.length - 1] !== path) state.files.push(path);
      }
    }
    const matches: CousinMatch[] = [];
    states.forEach((state, c) => {
      if (state) matches.push(toCousinMatch(this.#cousins[c]!, state));
    });
    return matches;
  }
}

interface CousinState {
  /** Sparse: indexed like the cousin's subscriptions. */
  byFeature: (string[] | undefined)[];
  files: string[];
}

function uniqueSortedPaths(files: Iterable<ChangedFile>): string[] {
  const paths: string[] = [];
  for (const file of files) {
    paths.push(file.path);
    if (file.oldPath !== undefined && file.oldPath !== file.path) paths.push(file.oldPath);
  }
  paths.sort();
  let kept = 0;
  for (let i = 0; i < paths.length; i++) if (i === 0 || paths[i] !== paths[kept - 1]) paths[kept++] = paths[i]!;
  paths.length = kept;
  return paths;
}

function toCousinMatch(cousin: Cousin, state: CousinState): CousinMatch {
  const filesByFeature = new Map<string, string[]>();
  state.byFeature.forEach((paths, f) => {
    if (paths) filesByFeature.set(cousin.subscriptions[f]!, paths);
  });
  return { cousin, features: [...filesByFeature.keys()], files: state.files, filesByFeature };
}


export function matchSubscriptions(config: EcosystemConfig, files: Iterable<ChangedFile>): CousinMatch[] {
  return new SubscriptionTrie(config.cousins, config.exclude).match(files);
}
