import { splitNul, type Git } from '@ecosystem-dispatcher/core';
import { parseTreeObject } from './tree-entries.js';
import { featureTreeFromApi, type UpstreamApi } from './upstream-api.js';

/** What a feature path names at one commit: a folder (mode 40000), a file, a link or a submodule. */
export interface FeatureObject {
  mode: string;
  oid: string;
}

export const TREE_MODE = '40000';
const SUBMODULE_MODE = '160000';

/**
 * Which object each feature is at each commit, and those objects in the partial copy,
 * whole. The API names a feature's tree in one round trip per commit (all in parallel);
 * what it cannot name, git finds by walking the path from the root tree, one `tree:0`
 * request per level. Either way a feature's objects come in an unfiltered fetch of
 * exactly them (all API-named features of a batch in one): cost grows with the features
 * and the path depth, never with the monorepo.
 */
export class FeatureTrees {
  private readonly found = new Map<string, FeatureObject | null>();
  /** Objects fetched with everything below them. */
  private readonly whole = new Set<string>();
  /** Trees fetched alone, as a step along a path (their entries are not here). */
  private readonly steps = new Set<string>();

  constructor(
    private readonly git: Git,
    private readonly api: UpstreamApi | undefined,
  ) {}

  /** Undefined: not resolved yet; null: the commit has nothing at that path. */
  get(commit: string, feature: string): FeatureObject | null | undefined {
    return this.found.get(key(commit, feature));
  }

  /** Resolves the features at these commits (API first, then git's path walk) and fetches them whole. */
  async fetch(commits: readonly string[], features: readonly string[]): Promise<void> {
    // A fetch by the API's oids can fail where git's own walk does not (an --upstream-url mirror that lags).
    await this.fetchFromApi(commits, features).catch(() => undefined);
    const left = [...new Set(features)].map((feature) => ({ feature, commits: unresolved(this, commits, [feature]) })).filter((f) => f.commits.length > 0);
    for (const { feature, commits: forFeature } of left) await this.walk(forFeature, [feature]);
  }

  /** The part of `fetch` the API can do; what it cannot name stays unresolved. */
  async fetchFromApi(commits: readonly string[], features: readonly string[]): Promise<void> {
    const api = this.api;
    if (!api) return;
    const pairs = [...new Set(features)].flatMap((feature) => unresolved(this, commits, [feature]).map((commit) => ({ commit, feature })));
    const named = await Promise.all(pairs.map(async (pair) => ({ ...pair, oid: await featureTreeFromApi(api, pair.commit, pair.feature) })));
    const trees = named.filter((n): n is typeof n & { oid: string } => n.oid !== undefined);
    await this.fetchWhole(trees.map((t) => t.oid));
    for (const { commit, feature, oid } of trees) this.found.set(key(commit, feature), { mode: TREE_MODE, oid });
  }

  /**
   * git's own way: the trees along each feature's path at these commits (one `tree:0`
   * request per level, which returns exactly the trees asked for), then each feature's
   * object whole. Afterwards path-limited git commands (`git log -- feature`) run on these
   * commits without fetching anything one object at a time.
   */
  async walk(commits: readonly string[], features: readonly string[]): Promise<void> {
    const unique = [...new Set(commits)];
    if (unique.length === 0) return;
    const roots = splitNul(await this.git.output(['log', '--no-walk=unsorted', '-z', '--format=%T', ...unique, '--']));
    await this.fetchSteps(roots);
    // Shallow features first: a tree that is also a path step of a deeper feature is then already whole.
    for (const feature of [...new Set(features)].sort((a, b) => a.split('/').length - b.split('/').length)) {
      let at = new Map<string, FeatureObject | null>(unique.map((commit, i) => [commit, { mode: TREE_MODE, oid: roots[i]! }]));
      const segments = feature.split('/');
      for (const [i, segment] of segments.entries()) {
        const children = await this.children(at, segment);
        at = new Map([...at].map(([commit, object]) => [commit, object?.mode === TREE_MODE ? (children.get(object.oid) ?? null) : null]));
        if (i < segments.length - 1) await this.fetchSteps(treesOf(at.values()));
      }
      await this.fetchWhole([...at.values()].filter((o): o is FeatureObject => o !== null && o.mode !== SUBMODULE_MODE).map((o) => o.oid));
      for (const [commit, object] of at) this.found.set(key(commit, feature), object);
    }
  }

  /** The entry named `name` in each of these (present) trees. */
  private async children(at: Map<string, FeatureObject | null>, name: string): Promise<Map<string, FeatureObject>> {
    const trees = treesOf(at.values());
    const children = new Map<string, FeatureObject>();
    if (trees.length === 0) return children;
    const output = await this.git.outputBytes(['cat-file', '--batch'], { input: trees.join('\n') + '\n' });
    for (const { data, oid } of batchRecords(output)) {
      const entry = parseTreeObject(data, oid.length === 64 ? 32 : 20).find((e) => e.name === name);
      if (entry) children.set(oid, { mode: entry.mode, oid: entry.oid });
    }
    return children;
  }

  private async fetchSteps(trees: readonly string[]): Promise<void> {
    const wanted = [...new Set(trees)].filter((oid) => !this.whole.has(oid) && !this.steps.has(oid));
    await this.fetchObjects(wanted, 'tree:0');
    for (const oid of wanted) this.steps.add(oid);
  }

  private async fetchWhole(oids: readonly string[]): Promise<void> {
    const { wanted, expanded } = await this.notYetWhole(oids);
    await this.fetchObjects(wanted, undefined);
    for (const oid of [...oids, ...expanded]) this.whole.add(oid);
  }

  /**
   * git does not fetch what it already holds: a tree fetched as a path step is asked for
   * through its entries instead, so everything below it comes too.
   */
  private async notYetWhole(oids: readonly string[]): Promise<{ wanted: string[]; expanded: string[] }> {
    const wanted = new Set<string>();
    const expanded: string[] = [];
    let pending = [...new Set(oids)].filter((oid) => !this.whole.has(oid));
    while (pending.length > 0) {
      for (const oid of pending.filter((o) => !this.steps.has(o))) wanted.add(oid);
      const present = pending.filter((o) => this.steps.has(o));
      if (present.length === 0) break;
      expanded.push(...present);
      const output = await this.git.outputBytes(['cat-file', '--batch'], { input: present.join('\n') + '\n' });
      pending = [...batchRecords(output)]
        .flatMap(({ data, oid }) => parseTreeObject(data, oid.length === 64 ? 32 : 20))
        .filter((e) => e.mode !== SUBMODULE_MODE && !this.whole.has(e.oid) && !expanded.includes(e.oid))
        .map((e) => e.oid);
    }
    return { wanted: [...wanted], expanded };
  }

  // What git's own lazy fetch does (promisor-remote.c), but for a whole batch at once.
  // No negotiation: the commits we hold would make the server think we hold their trees.
  // No filter means --no-filter: otherwise the remote's partialCloneFilter applies.
  private async fetchObjects(oids: readonly string[], filter: string | undefined): Promise<void> {
    if (oids.length === 0) return;
    await this.git.run(
      ['-c', 'fetch.negotiationAlgorithm=noop', 'fetch', '--quiet', '--no-tags', '--no-write-fetch-head', '--recurse-submodules=no', filter ? `--filter=${filter}` : '--no-filter', '--stdin', 'origin'],
      { input: oids.join('\n') + '\n' },
    );
  }
}

function key(commit: string, feature: string): string {
  return `${commit}\0${feature}`;
}

function unresolved(trees: FeatureTrees, commits: readonly string[], features: readonly string[]): string[] {
  return [...new Set(commits)].filter((commit) => features.some((feature) => trees.get(commit, feature) === undefined));
}

function treesOf(objects: Iterable<FeatureObject | null>): string[] {
  return [...new Set([...objects].filter((o): o is FeatureObject => o?.mode === TREE_MODE).map((o) => o.oid))];
}

/** Splits `git cat-file --batch` output into objects (`<oid> <type> <size>\n<data>\n`). */
export function* batchRecords(output: Buffer): Generator<{ oid: string; type: string; data: Buffer }> {
  let at = 0;
  while (at < output.length) {
    const lineEnd = output.indexOf(10, at);
    const [oid = '', type = '', size = ''] = output.subarray(at, lineEnd).toString('utf8').split(' ');
    if (type === 'missing') throw new Error(`upstream object ${oid} is missing after fetching it`);
    const start = lineEnd + 1;
    const end = start + Number(size);
    yield { oid, type, data: output.subarray(start, end) };
    at = end + 1;
  }
}
