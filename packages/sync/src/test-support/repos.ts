import { chmod, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Git } from '@ecosystem-dispatcher/core';

import { TEST_GIT_ENV } from '@ecosystem-dispatcher/core/testing';

export { TEST_GIT_ENV };

/** path → content; null deletes; `{ link }` makes a symlink; `{ exec }` an executable file. */
export type FileSpec = Record<string, string | null | { link: string } | { exec: string }>;

export interface WorkRepo {
  dir: string;
  git: Git;
  write(files: FileSpec): Promise<void>;
  commit(files: FileSpec, message?: string, env?: Record<string, string>): Promise<string>;
  read(path: string): Promise<string | undefined>;
  head(): Promise<string>;
}

export async function writeFiles(dir: string, files: FileSpec): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    // recursive: a folder the test turns into a file (its files deleted first) goes too.
    await rm(full, { force: true, recursive: true });
    if (content === null) continue;
    await mkdir(dirname(full), { recursive: true });
    if (typeof content === 'string') await writeFile(full, content);
    else if ('link' in content) await symlink(content.link, full);
    else {
      await writeFile(full, content.exec);
      await chmod(full, 0o755);
    }
  }
}

export function workRepo(dir: string, git: Git): WorkRepo {
  const head = async () => (await git.output(['rev-parse', 'HEAD'])).trim();
  return {
    dir,
    git,
    write: (files) => writeFiles(dir, files),
    async commit(files, message = 'change', env) {
      await writeFiles(dir, files);
      await git.run(['add', '--all']);
      await git.run(['commit', '--quiet', '--allow-empty', '-m', message], env ? { env } : {});
      return head();
    },
    read: (path) => readFile(join(dir, path), 'utf8').catch(() => undefined),
    head,
  };
}

/** A throw-away folder that removes itself; every repo of a test lives under it. */
export class Scratch {
  private constructor(readonly dir: string) {}

  static async create(): Promise<Scratch> {
    return new Scratch(await mkdtemp(join(tmpdir(), 'ecosystem-sync-test-')));
  }

  /** A working repository with one commit of `files` on `main`. */
  async repo(name: string, files: FileSpec): Promise<WorkRepo> {
    const dir = join(this.dir, name);
    await mkdir(dir, { recursive: true });
    const git = new Git(dir, TEST_GIT_ENV);
    await git.run(['init', '--quiet', '--initial-branch', 'main']);
    const repo = workRepo(dir, git);
    await repo.commit(files, 'initial');
    return repo;
  }

  /** A bare copy of `repo` that serves partial fetches, like GitHub does. */
  async bare(name: string, source: WorkRepo): Promise<string> {
    const dir = join(this.dir, `${name}.git`);
    await source.git.run(['clone', '--quiet', '--bare', source.dir, dir]);
    const git = new Git(dir, TEST_GIT_ENV);
    await git.run(['config', 'uploadpack.allowFilter', 'true']);
    await git.run(['config', 'uploadpack.allowAnySHA1InWant', 'true']);
    return dir;
  }

  /** A clone of a bare repository (remote `origin`), as a cousin's CI checkout. */
  async clone(name: string, bareDir: string): Promise<WorkRepo> {
    const dir = join(this.dir, name);
    const git = new Git(this.dir, TEST_GIT_ENV);
    await git.run(['clone', '--quiet', bareDir, dir]);
    return workRepo(dir, new Git(dir, TEST_GIT_ENV));
  }

  remove(): Promise<void> {
    return rm(this.dir, { recursive: true, force: true });
  }
}

/** Everything that tells whether a repository was written to: refs, HEAD, work tree, index. */
export async function repoFingerprint(git: Git): Promise<string> {
  const refs = await git.output(['for-each-ref', '--format=%(refname) %(objectname)']);
  const head = await git.output(['rev-parse', 'HEAD']);
  const status = await git.output(['status', '--porcelain=v1', '-z', '--untracked-files=all', '--ignored']);
  const worktrees = await git.output(['worktree', 'list', '--porcelain']);
  return [refs, head, status, worktrees].join('\n--\n');
}

/** `n` numbered lines, `line 1` to `line n`, each ending in a newline: file text for merge tests. */
export const numberedLines = (n: number): string => Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
