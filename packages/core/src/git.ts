import { execFile } from 'node:child_process';
import { GitError } from './errors.js';

export interface GitResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface GitRunOptions {
  /** Written to git's stdin. */
  input?: string | Buffer;
  /** Exit codes that are answers, not failures (e.g. 1 for `merge-base --is-ancestor`). */
  okCodes?: readonly number[];
  /** Extra environment for this call only. */
  env?: Record<string, string>;
}

/** The hash of git's empty tree, used as the base when a commit has no usable parent. */
export const EMPTY_TREE_SHA = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';
export const ZERO_SHA = '0000000000000000000000000000000000000000';

const MAX_OUTPUT = 1024 * 1024 * 1024;

/**
 * Every git call of the project goes through here: argument arrays (never a shell),
 * `core.quotepath=off` so non-ASCII names come back verbatim, no terminal prompts, and
 * failures as GitError with git's own last line.
 */
export class Git {
  readonly cwd: string;
  readonly #env: Record<string, string>;

  constructor(cwd: string, env: Record<string, string> = {}) {
    this.cwd = cwd;
    this.#env = env;
  }

  /** A wrapper for another folder with the same environment. */
  at(cwd: string): Git {
    return new Git(cwd, this.#env);
  }

  async run(args: readonly string[], options: GitRunOptions = {}): Promise<GitResult> {
    const result = await this.#spawn(args, options, 'utf8');
    return { stdout: result.stdout.toString('utf8'), stderr: result.stderr, code: result.code };
  }

  /** Raw stdout bytes: blob contents need not be text (`cat-file blob`, `show`). */
  async outputBytes(args: readonly string[], options: GitRunOptions = {}): Promise<Buffer> {
    return (await this.#spawn(args, options, 'buffer')).stdout as Buffer;
  }

  #spawn(args: readonly string[], options: GitRunOptions, encoding: 'utf8' | 'buffer'): Promise<{ stdout: string | Buffer; stderr: string; code: number }> {
    return new Promise((resolve, reject) => {
      const child = execFile(
        'git',
        ['-c', 'core.quotepath=off', ...args],
        {
          cwd: this.cwd,
          env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', ...this.#env, ...options.env },
          maxBuffer: MAX_OUTPUT,
          encoding,
        },
        (error, stdout, stderrRaw) => {
          const stderr = stderrRaw.toString();
          const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
          if (code === 0 || options.okCodes?.includes(code)) resolve({ stdout, stderr, code });
          else reject(new GitError(args, stderr || String(error?.message ?? ''), code));
        },
      );
      // A git that exits early (an error) closes its stdin: its exit code tells, not EPIPE.
      child.stdin?.on('error', () => undefined);
      if (options.input !== undefined) child.stdin?.end(options.input);
    });
  }

  async output(args: readonly string[], options?: GitRunOptions): Promise<string> {
    return (await this.run(args, options)).stdout;
  }

  /** The full SHA of a commit, or undefined when `rev` names no commit here. */
  async resolveCommit(rev: string): Promise<string | undefined> {
    const result = await this.run(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], { okCodes: [1, 128] });
    return result.code === 0 ? result.stdout.trim() : undefined;
  }

  async mergeBase(a: string, b: string): Promise<string | undefined> {
    const result = await this.run(['merge-base', a, b], { okCodes: [1] });
    return result.code === 0 ? result.stdout.trim() : undefined;
  }

  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    const result = await this.run(['merge-base', '--is-ancestor', ancestor, descendant], { okCodes: [1] });
    return result.code === 0;
  }

  async isWorkTree(): Promise<boolean> {
    try {
      return (await this.output(['rev-parse', '--is-inside-work-tree'])).trim() === 'true';
    } catch {
      return false;
    }
  }

  /** Tracked files (not ignored ones, not the file system), NUL-separated so any name survives. */
  async listTrackedFiles(rev?: string): Promise<string[]> {
    const args = rev ? ['ls-tree', '-r', '-z', '--name-only', '--full-tree', rev] : ['ls-files', '-z'];
    return splitNul(await this.output(args));
  }
}

export function splitNul(output: string): string[] {
  const parts = output.split('\0');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}
