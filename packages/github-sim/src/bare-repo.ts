import { execFile } from 'node:child_process';

export const ZERO_SHA = '0000000000000000000000000000000000000000';

/** Identity and config isolation for every git process the sim starts. */
export function gitEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    GIT_AUTHOR_NAME: 'GitHub',
    GIT_AUTHOR_EMAIL: 'noreply@github.com',
    GIT_COMMITTER_NAME: 'GitHub',
    GIT_COMMITTER_EMAIL: 'noreply@github.com',
    ...extra,
  };
}

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

export class GitCommandError extends Error {
  constructor(
    readonly args: string[],
    readonly result: GitResult,
  ) {
    super(`git ${args.join(' ')} failed (${result.code}): ${result.stderr.trim()}`);
    this.name = 'GitCommandError';
  }
}

export interface CommitMeta {
  sha: string;
  tree: string;
  parents: string[];
  authorName: string;
  authorEmail: string;
  authorDate: string;
  committerName: string;
  committerEmail: string;
  committerDate: string;
  message: string;
}

export interface FileChange {
  filename: string;
  /** Blob of the new side; null for a removed file. */
  sha: string | null;
  previousFilename?: string;
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed';
  additions: number;
  deletions: number;
}

const STATUS_BY_LETTER: Record<string, FileChange['status']> = {
  A: 'added',
  D: 'removed',
  M: 'modified',
  R: 'renamed',
  C: 'copied',
  T: 'changed',
};

// Fields separated by NUL, records by RS: messages may hold any other character.
const COMMIT_FORMAT = ['%H', '%T', '%P', '%an', '%ae', '%aI', '%cn', '%ce', '%cI', '%B'].join('%x00') + '%x1e';

/** One bare repository; every call is `git` with an argument array, never a shell. */
export class BareRepo {
  constructor(readonly path: string) {}

  run(args: string[], options: { input?: string; env?: Record<string, string>; allowFailure?: boolean } = {}): Promise<GitResult> {
    const fullArgs = ['--git-dir', this.path, ...args];
    return new Promise((resolve, reject) => {
      const child = execFile(
        'git',
        fullArgs,
        { env: gitEnv(options.env), maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
          const result = { code, stdout, stderr };
          if (code !== 0 && !options.allowFailure) reject(new GitCommandError(args, result));
          else resolve(result);
        },
      );
      if (options.input !== undefined) child.stdin?.end(options.input);
    });
  }

  async out(args: string[], env?: Record<string, string>): Promise<string> {
    return (await this.run(args, env ? { env } : {})).stdout;
  }

  /** The commit a revision names, or undefined. */
  async resolveCommit(rev: string): Promise<string | undefined> {
    if (rev.startsWith('-')) return undefined;
    const result = await this.run(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], { allowFailure: true });
    return result.code === 0 ? result.stdout.trim() : undefined;
  }

  async objectExists(sha: string): Promise<boolean> {
    if (!/^[0-9a-f]{4,40}$/.test(sha)) return false;
    const result = await this.run(['cat-file', '-e', sha], { allowFailure: true });
    return result.code === 0;
  }

  async objectType(sha: string): Promise<string> {
    return (await this.out(['cat-file', '-t', sha])).trim();
  }

  /** All refs (full names) under a prefix such as `refs/heads/`. */
  async listRefs(prefix = 'refs/'): Promise<{ ref: string; sha: string; type: string }[]> {
    const text = await this.out(['for-each-ref', '--format=%(refname)%00%(objectname)%00%(objecttype)', prefix]);
    return text
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [ref, sha, type] = line.split('\0');
        return { ref: ref!, sha: sha!, type: type! };
      });
  }

  async refSha(ref: string): Promise<string | undefined> {
    const result = await this.run(['rev-parse', '--verify', '--quiet', ref], { allowFailure: true });
    return result.code === 0 ? result.stdout.trim() : undefined;
  }

  async updateRef(ref: string, sha: string, expectedOld?: string): Promise<void> {
    await this.run(['update-ref', ref, sha, ...(expectedOld ? [expectedOld] : [])]);
  }

  async deleteRef(ref: string): Promise<void> {
    await this.run(['update-ref', '-d', ref]);
  }

  async commitMeta(rev: string): Promise<CommitMeta> {
    const text = await this.out(['log', '-1', `--format=${COMMIT_FORMAT}`, rev, '--']);
    return parseCommits(text)[0]!;
  }

  /** Commits reachable from `tips`, minus those reachable from `exclude`, newest first. */
  async log(tips: string[], options: { exclude?: string[]; path?: string; since?: string; until?: string; limit?: number; skip?: number } = {}): Promise<CommitMeta[]> {
    const args = ['log', `--format=${COMMIT_FORMAT}`];
    if (options.since) args.push(`--since=${options.since}`);
    if (options.until) args.push(`--until=${options.until}`);
    if (options.limit !== undefined) args.push(`--max-count=${options.limit}`);
    if (options.skip) args.push(`--skip=${options.skip}`);
    args.push(...tips, ...(options.exclude ?? []).map((rev) => `^${rev}`), '--');
    if (options.path) args.push(options.path);
    return parseCommits(await this.out(args));
  }

  async mergeBase(a: string, b: string): Promise<string | undefined> {
    const result = await this.run(['merge-base', a, b], { allowFailure: true });
    return result.code === 0 ? result.stdout.trim() : undefined;
  }

  async countCommits(range: string): Promise<number> {
    return Number((await this.out(['rev-list', '--count', range, '--'])).trim());
  }

  /** Files changed between two commits (from = undefined: against the empty tree). */
  async changedFiles(from: string | undefined, to: string): Promise<FileChange[]> {
    const base = from ?? (await this.emptyTree());
    const names = await this.out(['diff', '--raw', '-z', '-M', '--no-abbrev', '--no-color', base, to, '--']);
    const counts = await this.out(['diff', '--numstat', '-z', '-M', '--no-color', base, to, '--']);
    return mergeRawWithNumstat(names, counts);
  }

  async emptyTree(): Promise<string> {
    return (await this.run(['hash-object', '-t', 'tree', '--stdin'], { input: '' })).stdout.trim();
  }

  /** Tree entries at `path` in `rev`; path '' is the root. */
  async lsTree(rev: string, path: string): Promise<{ mode: string; type: string; sha: string; size: number; path: string }[]> {
    const target = path === '' ? rev : `${rev}:${path}`;
    const text = await this.out(['ls-tree', '-z', '-l', target]);
    return text
      .split('\0')
      .filter(Boolean)
      .map((entry) => {
        const [meta, name] = entry.split('\t');
        const [mode, type, sha, size] = meta!.trim().split(/\s+/);
        return { mode: mode!, type: type!, sha: sha!, size: size === '-' ? 0 : Number(size), path: path === '' ? name! : `${path}/${name}` };
      });
  }

  /** Object at path in rev: its type and sha, or undefined. */
  async pathObject(rev: string, path: string): Promise<{ type: string; sha: string } | undefined> {
    const result = await this.run(['rev-parse', '--verify', '--quiet', `${rev}:${path}`], { allowFailure: true });
    if (result.code !== 0) return undefined;
    const sha = result.stdout.trim();
    return { type: await this.objectType(sha), sha };
  }

  async blobSize(sha: string): Promise<number> {
    return Number((await this.out(['cat-file', '-s', sha])).trim());
  }

  async readBlob(sha: string): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      execFile('git', ['--git-dir', this.path, 'cat-file', 'blob', sha], { env: gitEnv(), encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 }, (error, stdout) => {
        if (error) reject(error);
        else resolve(stdout);
      });
    });
  }

  /** `git merge-tree --write-tree`: the merged tree, or undefined when it conflicts. */
  async mergeTree(base: string, head: string): Promise<string | undefined> {
    const result = await this.run(['merge-tree', '--write-tree', '--no-messages', base, head], { allowFailure: true });
    if (result.code === 0) return result.stdout.split('\n')[0]!.trim();
    if (result.code === 1) return undefined;
    throw new GitCommandError(['merge-tree', base, head], result);
  }

  async commitTree(tree: string, parents: string[], message: string, env?: Record<string, string>): Promise<string> {
    const args = ['commit-tree', tree, ...parents.flatMap((parent) => ['-p', parent])];
    return (await this.run(args, { input: message, ...(env ? { env } : {}) })).stdout.trim();
  }
}

export function parseCommits(text: string): CommitMeta[] {
  return text
    .split('\x1e')
    .map((record) => record.replace(/^\n/, ''))
    .filter((record) => record.length > 0)
    .map((record) => {
      const [sha, tree, parents, an, ae, ad, cn, ce, cd, message] = record.split('\0');
      return {
        sha: sha!,
        tree: tree!,
        parents: parents ? parents.split(' ') : [],
        authorName: an!,
        authorEmail: ae!,
        authorDate: ad!,
        committerName: cn!,
        committerEmail: ce!,
        committerDate: cd!,
        message: (message ?? '').replace(/\n$/, ''),
      };
    });
}

function mergeRawWithNumstat(raw: string, counts: string): FileChange[] {
  // --raw -z: ":mode mode old new STATUS\0path\0" (renames and copies carry two paths).
  const fields = raw.split('\0');
  const changes: FileChange[] = [];
  for (let i = 0; i < fields.length - 1; ) {
    const meta = fields[i]!.split(' ');
    const letter = (meta[4] ?? 'M').charAt(0);
    const status = STATUS_BY_LETTER[letter] ?? 'modified';
    const sha = letter === 'D' ? null : meta[3]!;
    if (letter === 'R' || letter === 'C') {
      changes.push({ status, sha, previousFilename: fields[i + 1]!, filename: fields[i + 2]!, additions: 0, deletions: 0 });
      i += 3;
    } else {
      changes.push({ status, sha, filename: fields[i + 1]!, additions: 0, deletions: 0 });
      i += 2;
    }
  }
  // numstat -z: "add\tdel\tpath\0" or, for renames, "add\tdel\t\0old\0new\0".
  const countFields = counts.split('\0');
  let index = 0;
  for (let i = 0; i < countFields.length && index < changes.length; ) {
    const [add, del, path] = countFields[i]!.split('\t');
    if (add === undefined || del === undefined) break;
    changes[index]!.additions = add === '-' ? 0 : Number(add);
    changes[index]!.deletions = del === '-' ? 0 : Number(del);
    index += 1;
    i += path === '' ? 3 : 1;
  }
  return changes;
}
