import { appendFile, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Git, splitNul } from '@ecosystem-dispatcher/core';
import { gitAuthEnv } from './git-auth.js';
import { parseLsTree, parseRawDiff, parseTreeObject, type TreeChange, type TreeEntry } from './tree-entries.js';

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
 * only (`--filter=tree:0`), then the trees and blobs of the commits and paths a sync
 * reads, each in one batch. A big monorepo is never cloned whole, and the cousin's own
 * repository is not touched.
 */
export class UpstreamRepo {
  readonly git: Git;
  readonly dir: string;
  defaultBranch: string;

  private constructor(git: Git, dir: string, defaultBranch: string) {
    this.git = git;
    this.dir = dir;
    this.defaultBranch = defaultBranch;
  }

  static async create(location: UpstreamLocation, options: { token?: string | undefined; env?: Record<string, string> } = {}): Promise<UpstreamRepo> {
    const dir = await mkdtemp(join(tmpdir(), 'ecosystem-upstream-'));
    const git = new Git(dir, { ...options.env, ...gitAuthEnv(options.token) });
    try {
      await git.run(['init', '--quiet', '--bare']);
      // One file write instead of a git process per key: a sync is mostly fixed costs.
      await appendFile(join(dir, 'config'), partialCloneConfig(location.url));
      const defaultBranch = location.defaultBranch ?? (await remoteDefaultBranch(git));
      return new UpstreamRepo(git, dir, defaultBranch);
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
   * What a sync reads for these commits and features, and nothing else: the trees along
   * each feature's path (one `tree:0` request per level, which returns exactly the trees
   * asked for), then each feature's own folder, files included. Path-limited git commands
   * never open the rest, so the monorepo's other trees and files stay on the server.
   */
  async fetchFeatureTrees(commits: readonly string[], features: readonly string[]): Promise<void> {
    if (commits.length === 0) return;
    const roots = [...new Set(splitNul(await this.git.output(['log', '--no-walk=unsorted', '-z', '--format=%T', ...commits, '--'])))];
    await this.fetchObjects(roots, 'tree:0');
    // Shallow features first: a tree fetched as a mere path step (tree:0) is not fetched again whole.
    for (const feature of [...new Set(features)].sort((a, b) => a.split('/').length - b.split('/').length)) {
      const segments = feature.split('/');
      let level = roots;
      for (const [i, segment] of segments.entries()) {
        const last = i === segments.length - 1;
        level = await this.childObjects(level, segment, last);
        await this.fetchObjects(level, last ? undefined : 'tree:0');
      }
    }
  }

  /** The entries named `name` in these (present) trees: subtrees, and files too for the last segment. */
  private async childObjects(trees: readonly string[], name: string, filesToo: boolean): Promise<string[]> {
    if (trees.length === 0) return [];
    const output = await this.git.outputBytes(['cat-file', '--batch'], { input: trees.join('\n') + '\n' });
    const children = new Set<string>();
    for (const { data, oid } of batchRecords(output)) {
      const entry = parseTreeObject(data, oid.length === 64 ? 32 : 20).find((e) => e.name === name);
      if (entry && (entry.mode === '40000' || (filesToo && entry.mode !== '160000'))) children.add(entry.oid);
    }
    return [...children];
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

  async listFeature(commit: string, feature: string): Promise<TreeEntry[]> {
    return parseLsTree(await this.git.output(['ls-tree', '-r', '-z', '--full-tree', commit, '--', feature]));
  }

  async diffFeature(from: string, to: string, feature: string): Promise<TreeChange[]> {
    return parseRawDiff(await this.git.output(['diff-tree', '-r', '-z', '--raw', '-M', '--no-abbrev', from, to, '--', feature]));
  }

  /** Commits in (from, to] that touch the feature, oldest first; all of them up to `to` when from is undefined. */
  async commitsTouching(from: string | undefined, to: string, feature: string, limit = 250): Promise<UpstreamCommit[]> {
    const range = from ? [`${from}..${to}`] : [to];
    const format = ['%H', '%s', '%an', '%ae', '%aI', '%B'].join('%x1f') + '%x1e';
    const output = await this.git.output(['log', `--max-count=${limit}`, `--format=${format}`, ...range, '--', feature]);
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

/** Splits `git cat-file --batch` output into objects (`<oid> <type> <size>\n<data>\n`). */
function* batchRecords(output: Buffer): Generator<{ oid: string; type: string; data: Buffer }> {
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
    '',
  ].join('\n');
}
