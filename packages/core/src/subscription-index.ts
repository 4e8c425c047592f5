import picomatch from 'picomatch';
import type { ChangedFile } from './changed-file.js';
import type { Cousin, EcosystemConfig } from './ecosystem-config.js';
import { FeatureColumns } from './feature-columns.js';
import { globFeatureDepth, isGlobPattern, isGlobSegment, patternSegments } from './glob-feature.js';

/** What one cousin gets from a set of changed files. */
export interface CousinMatch {
  cousin: Cousin;
  /** Matched features, concrete folders or files (never a glob), in subscription order. */
  features: string[];
  /** Matched paths (both sides of a rename when both match), sorted. */
  files: string[];
  /** Per feature, its matched paths, sorted. */
  filesByFeature: Map<string, string[]>;
}

/** The cousin index of a `defaults.exclude` pattern: it excludes for every cousin. */
const EVERY_COUSIN = -1;
/** The feature index of an exclusion. */
const EXCLUSION = -1;

interface Hit {
  cousin: number;
  /** Index into the cousin's subscriptions, or EXCLUSION. */
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
  /** Subscriptions that match this path and everything under it (literal paths, and
   * globs of literal segments ending in `/**`). */
  readonly literals: Hit[] = [];
  /** Globs ending in `*\/**`: only paths strictly under this node, as in picomatch. */
  readonly under: Hit[] = [];
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
 * on paths that can match it. Every subscription also matches literally (the path it names
 * and everything under it), as picomatch's own "a pattern equal to the path matches" rule
 * does for files; names with only brackets or parentheses (`app/(shop)/[slug]`) are not
 * globs at all (see isGlobPattern).
 */
export class SubscriptionTrie {
  readonly #cousins: readonly Cousin[];
  readonly #root = new TrieNode();
  readonly #globs = new Map<string, CompiledGlob>();
  /** How many segments name a glob's feature (see globFeatureDepth); literals are not listed. */
  readonly #globDepths = new Map<string, number>();

  constructor(cousins: readonly Cousin[], globalExclude: readonly string[] = []) {
    this.#cousins = cousins;
    cousins.forEach((cousin, c) => {
      cousin.subscriptions.forEach((pattern, f) => this.#add(pattern, c, f));
      cousin.exclusions.forEach((pattern) => this.#add(pattern, c, EXCLUSION));
    });
    for (const pattern of globalExclude) this.#add(pattern, EVERY_COUSIN, EXCLUSION);
  }

  #add(pattern: string, cousin: number, feature: number): void {
    const segments = patternSegments(pattern);
    this.#walkTo(segments, false).literals.push({ cousin, feature });
    if (!isGlobPattern(pattern)) return;
    const hit: Hit = { cousin, feature };
    this.#globDepths.set(pattern, globFeatureDepth(pattern));
    // Leading literal and whole-segment `*` parts become trie edges; what is left decides
    // how the glob is checked once a path reaches that node.
    let depth = 0;
    while (depth < segments.length && (segments[depth] === '*' || !isGlobSegment(segments[depth]!))) depth++;
    const base = segments.slice(0, depth);
    const node = this.#walkTo(base, true);
    const rest = segments.slice(depth);
    if (rest.length === 0) return void node.exact.push(hit);
    // picomatch: `a/**` and `a/*/c/**` match `a` and `a/b/c` themselves, `a/*/**` never matches `a/b`.
    if (rest.length === 1 && rest[0] === '**') return void (base[base.length - 1] === '*' ? node.under : node.literals).push(hit);
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

  /** `wildcards`: a `*` segment is the any-segment edge (globs), not a folder named `*` (literals). */
  #walkTo(segments: readonly string[], wildcards: boolean): TrieNode {
    let node = this.#root;
    for (const segment of segments) node = wildcards && segment === '*' ? node.wildcardChild() : node.child(segment);
    return node;
  }

  /** Calls `visit` with every subscription or exclusion hit for `path`. */
  #collect(path: string, visit: (hit: Hit) => void): void {
    const segments = path.split('/');
    let frontier: TrieNode[] = [this.#root];
    this.#root.literals.forEach(visit);
    for (const glob of this.#root.globs) if (glob.test(path)) glob.hits.forEach(visit);
    for (let depth = 0; depth < segments.length && frontier.length > 0; depth++) {
      const last = depth === segments.length - 1;
      const next: TrieNode[] = [];
      for (const node of frontier) {
        if (node.under.length > 0) node.under.forEach(visit);
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
    let everyCousinExcluded = false;
    const visit = (hit: Hit) => {
      if (hit.feature !== EXCLUSION) included.push(hit);
      else if (hit.cousin === EVERY_COUSIN) everyCousinExcluded = true;
      else excluded.add(hit.cousin);
    };
    for (let index = 0; index < paths.length; index++) {
      const path = paths[index]!;
      included.length = 0;
      excluded.clear();
      everyCousinExcluded = false;
      this.#collect(path, visit);
      if (everyCousinExcluded) continue;
      for (const hit of included) {
        if (excluded.size > 0 && excluded.has(hit.cousin)) continue;
        // Per subscription, not per feature: a glob's concrete features are told apart once, at the end.
        const state = (states[hit.cousin] ??= { byFeature: [], files: [] });
        const list = (state.byFeature[hit.feature] ??= []);
        if (list[list.length - 1] !== index) list.push(index);
        if (state.files[state.files.length - 1] !== path) state.files.push(path);
      }
    }
    const matches: CousinMatch[] = [];
    const columns = new FeatureColumns(paths);
    states.forEach((state, c) => {
      if (state) matches.push(toCousinMatch(this.#cousins[c]!, state, this.#globDepths, columns));
    });
    return matches;
  }
}

interface CousinState {
  /** Sparse, indexed like the cousin's subscriptions: each subscription's matched paths, as ascending indexes into the sorted paths. */
  byFeature: (number[] | undefined)[];
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

function toCousinMatch(cousin: Cousin, state: CousinState, globDepths: ReadonlyMap<string, number>, columns: FeatureColumns): CousinMatch {
  const filesByFeature = new Map<string, string[]>();
  const add = (name: string, files: string[]) => {
    const known = filesByFeature.get(name);
    // The same folder named by two subscriptions (a folder and a glob selecting it) is one feature.
    filesByFeature.set(name, known ? [...new Set([...known, ...files])].sort() : files);
  };
  state.byFeature.forEach((indexes, f) => {
    if (!indexes) return;
    const pattern = cousin.subscriptions[f]!;
    const depth = globDepths.get(pattern);
    if (depth === undefined) add(pattern, columns.paths(indexes));
    else columns.groupGlob(pattern, depth, indexes, add);
  });
  return { cousin, features: [...filesByFeature.keys()], files: state.files, filesByFeature };
}

export function matchSubscriptions(config: EcosystemConfig, files: Iterable<ChangedFile>): CousinMatch[] {
  return new SubscriptionTrie(config.cousins, config.exclude).match(files);
}
