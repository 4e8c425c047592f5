import { appendFile, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Git } from '@ecosystem-dispatcher/core';
import { batchRecords, FeatureTrees, TREE_MODE, type FeatureObject } from './feature-trees.js';
import { gitAuthEnv } from './git-auth.js';
import { parseLsTree, parseRawDiff, type TreeChange, type TreeEntry } from './tree-entries.js';
import { touchingFromApi, type UpstreamApi } from './upstream-api.js';

export interface UpstreamLocation {
  /** Clone URL (the repos API's clone_url, GHES- and sim-aware, or --upstream-url). */
  url: string;
  /** Found with `ls-remote --symref` when not given. */
  defaultBranch?: string | undefined;
}

export interface UpstreamCommit {
  sha: string;
  subject: string;
  message: string;
  authorName: string;
  authorEmail: string;
  authorDate: string;
}

export type Reachability = 'reachable' | 'unreachable' | 'missing';

/**
 * A private, partial copy of the monorepo in a temp folder: commits of the default branch
 * only (`--filter=tree:0`), then the feature folders a sync reads at the commits it reads
 * them, fetched whole by their tree oids, each batch in one request. A big monorepo is
 * never cloned whole, and the cousin's own repository is not touched.
 */
export class UpstreamRepo {
  readonly git: Git;
  readonly dir: string;
  defaultBranch: string;

  private readonly api: UpstreamApi | undefined;
  private readonly trees: FeatureTrees;

  private constructor(git: Git, dir: string, defaultBranch: string, api: UpstreamApi | undefined) {
    this.git = git;
    this.dir = dir;
    this.defaultBranch = defaultBranch;
    this.api = api;
    this.trees = new FeatureTrees(git, api);
  }

  /** `api`: the monorepo's REST API, when there is a client; it saves git a round trip per path level. */
  static async create(location: UpstreamLocation, options: { token?: string | undefined; env?: Record<string, string>; api?: UpstreamApi | undefined } = {}): Promise<UpstreamRepo> {
    const dir = await mkdtemp(join(tmpdir(), 'ecosystem-upstream-'));
    const git = new Git(dir, { ...options.env, ...gitAuthEnv(options.token) });
    try {
      await git.run(['init', '--quiet', '--bare']);
      // One file write instead of a git process per key: a sync is mostly fixed costs.
      await appendFile(join(dir, 'config'), partialCloneConfig(location.url));
      const defaultBranch = location.defaultBranch ?? (await remoteDefaultBranch(git));
      return new UpstreamRepo(git, dir, defaultBranch, options.api);
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }

  get defaultRef(): string {
    return `refs/remotes/origin/${this.defaultBranch}`;
  }

  /** Commits only: enough to check reachability, dates and ranges for a few hundred KB. */
  async fetchHistory(): Promise<string> {
    await this.git.run(['fetch', '--quiet', '--no-tags', '--filter=tree:0', 'origin', `+refs/heads/${this.defaultBranch}:${this.defaultRef}`]);
    return (await this.git.output(['rev-parse', '--verify', this.defaultRef])).trim();
  }

  async reachability(sha: string): Promise<Reachability> {
    // A commit off the default branch is fetched lazily here, so "missing" really means
    // the upstream does not have it.
    const result = await this.git.run(['merge-base', '--is-ancestor', sha, this.defaultRef], { okCodes: [1, 128] });
    return result.code === 0 ? 'reachable' : result.code === 1 ? 'unreachable' : 'missing';
  }

  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    const result = await this.git.run(['merge-base', '--is-ancestor', ancestor, descendant], { okCodes: [1, 128] });
    return result.code === 0;
  }

  async committedAt(sha: string): Promise<Date> {
    const seconds = Number((await this.git.output(['log', '-1', '--format=%ct', sha, '--'])).trim());
    return new Date(seconds * 1000);
  }

  /**
   * History, and meanwhile (when the API can name their trees) the features at `commit`:
   * two requests side by side instead of one after the other. Only the private copy is
   * written to; the commit is verified after, from the history, as before.
   */
  async fetchHistoryWith(commit: string | undefined, features: readonly string[]): Promise<string> {
    // Best effort: a commit that turns out not to exist is rejected by the checks that follow.
    const prefetch = commit ? this.trees.fetchFromApi([commit], features).catch(() => undefined) : undefined;
    const [tip] = await Promise.all([this.fetchHistory(), prefetch]);
    return tip;
  }

  /**
   * What a sync reads for these commits and features, and nothing else: each feature's
   * own folder, files included, found through the API or along its path (see
   * FeatureTrees). The monorepo's other trees and files stay on the server.
   */
  async fetchFeatureTrees(commits: readonly string[], features: readonly string[]): Promise<void> {
    await this.trees.fetch(commits, features);
  }

  /** The feature's files at the commit, paths from the repository root (like `ls-tree -r --full-tree commit -- feature`). */
  async listFeature(commit: string, feature: string): Promise<TreeEntry[]> {
    const object = await this.featureObject(commit, feature);
    if (!object) return [];
    if (object.mode !== TREE_MODE) return [{ mode: object.mode, oid: object.oid, path: feature }];
    return parseLsTree(await this.git.output(['ls-tree', '-r', '-z', object.oid])).map((e) => ({ ...e, path: `${feature}/${e.path}` }));
  }

  /** The feature's changes between two commits (like `diff-tree -r -M from to -- feature`), compared tree to tree. */
  async diffFeature(from: string, to: string, feature: string): Promise<TreeChange[]> {
    await this.trees.fetch([from, to], [feature]);
    const [a, b] = [await this.featureObject(from, feature), await this.featureObject(to, feature)];
    if ((a && a.mode !== TREE_MODE) || (b && b.mode !== TREE_MODE)) {
      // The feature is (or was) a single file: the path-limited diff of the commits says it as git does.
      await this.trees.walk([from, to], [feature]);
      return parseRawDiff(await this.git.output(['diff-tree', '-r', '-z', '--raw', '-M', '--no-abbrev', from, to, '--', feature]));
    }
    const empty = from.length === 64 ? EMPTY_TREE_SHA256 : EMPTY_TREE_SHA1;
    const output = await this.git.output(['diff-tree', '-r', '-z', '--raw', '-M', '--no-abbrev', a?.oid ?? empty, b?.oid ?? empty]);
    return parseRawDiff(output).map((change) => ({
      ...change,
      path: `${feature}/${change.path}`,
      ...(change.oldPath === undefined ? {} : { oldPath: `${feature}/${change.oldPath}` }),
    }));
  }

  private async featureObject(commit: string, feature: string): Promise<FeatureObject | null> {
    if (this.trees.get(commit, feature) === undefined) await this.trees.fetch([commit], [feature]);
    return this.trees.get(commit, feature) ?? null;
  }

  /** Commits in (from, to] that touch the feature, oldest first; all of them up to `to` when from is undefined. */
  async commitsTouching(from: string | undefined, to: string, feature: string, limit = 250): Promise<UpstreamCommit[]> {
    const range = from ? [`${from}..${to}`] : [to];
    const walked = (await this.git.output(['rev-list', '--parents', ...range, '--'])).split('\n').filter(Boolean).map((line) => line.split(' '));
    const inRange = new Set(walked.map(([sha]) => sha!));
    const merges = walked.some((line) => line.length > 2);
    const listed = this.api && !merges ? await touchingFromApi(this.api, to, feature, inRange, limit) : undefined;
    if (listed) return this.describe(listed);
    // git's own path-limited log: it compares each commit with its parents, so their paths' trees are needed too.
    const parents = walked.flatMap((line) => line.slice(1)).filter((p) => !inRange.has(p));
    await this.trees.walk([...inRange, ...parents, ...(from ? [from] : [])], [feature]);
    return parseCommits(await this.git.output(['log', `--max-count=${limit}`, `--format=${COMMIT_FORMAT}`, ...range, '--', feature]));
  }

  /** These commits' details, in the order given, oldest last → oldest first. */
  private async describe(shas: readonly string[]): Promise<UpstreamCommit[]> {
    if (shas.length === 0) return [];
    return parseCommits(await this.git.output(['log', '--no-walk=unsorted', `--format=${COMMIT_FORMAT}`, ...shas, '--']));
  }

  async parentOf(sha: string): Promise<string | undefined> {
    const parents = (await this.git.output(['log', '-1', '--format=%P', sha, '--'])).trim();
    return parents.split(' ').filter(Boolean)[0];
  }

  /** Blob contents by oid, through one `cat-file --batch` process. */
  async readBlobs(oids: readonly string[]): Promise<Map<string, Buffer>> {
    const unique = [...new Set(oids)];
    const blobs = new Map<string, Buffer>();
    if (unique.length === 0) return blobs;
    const output = await this.git.outputBytes(['cat-file', '--batch'], { input: unique.join('\n') + '\n' });
    for (const { oid, data } of batchRecords(output)) blobs.set(oid, data);
    return blobs;
  }

  /** Bytes of git objects received so far (pack files), for the benchmark. */
  async receivedBytes(): Promise<number> {
    const packDir = join(this.dir, 'objects', 'pack');
    let total = 0;
    for (const name of await readdir(packDir)) {
      if (name.endsWith('.pack')) total += (await stat(join(packDir, name))).size;
    }
    return total;
  }

  remove(): Promise<void> {
    return rm(this.dir, { recursive: true, force: true });
  }
}

async function remoteDefaultBranch(git: Git): Promise<string> {
  const output = await git.output(['ls-remote', '--symref', 'origin', 'HEAD']);
  const match = /^ref: refs\/heads\/(\S+)\tHEAD$/m.exec(output);
  if (!match?.[1]) throw new Error('the upstream repository has no default branch (empty repository?)');
  return match[1];
}

const COMMIT_FORMAT = ['%H', '%s', '%an', '%ae', '%aI', '%B'].join('%x1f') + '%x1e';
const EMPTY_TREE_SHA1 = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';
const EMPTY_TREE_SHA256 = '6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321';

/** `git log --format=COMMIT_FORMAT` output (newest first) as commits, oldest first. */
function parseCommits(output: string): UpstreamCommit[] {
  return output
    .split('\x1e')
    .map((record) => record.replace(/^\n/, ''))
    .filter(Boolean)
    .map((record) => {
      const [sha = '', subject = '', authorName = '', authorEmail = '', authorDate = '', message = ''] = record.split('\x1f');
      return { sha, subject, authorName, authorEmail, authorDate, message: message.trimEnd() };
    })
    .reverse();
}

/** The config `git clone --filter` would write: origin as the promisor remote. */
function partialCloneConfig(url: string): string {
  const quoted = `"${url.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  return [
    '[core]',
    '\trepositoryformatversion = 1',
    '[extensions]',
    '\tpartialClone = origin',
    '[remote "origin"]',
    `\turl = ${quoted}`,
    '\tpromisor = true',
    '\tpartialCloneFilter = blob:none',
    // Two fetches may run side by side: neither starts housekeeping in a copy that lives for minutes.
    '[gc]',
    '\tauto = 0',
    '[maintenance]',
    '\tauto = false',
    '[protocol]',
    '\tversion = 2',
    '',
  ].join('\n');
}
