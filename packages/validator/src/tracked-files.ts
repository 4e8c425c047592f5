import { resolve } from 'node:path';
import { Git, splitNul, UsageError } from '@ecosystem-dispatcher/core';
import { closestMatch } from './did-you-mean.js';
import { patternTest, staticBase } from './pattern-logic.js';

/**
 * The monorepo's tracked files (`git ls-files`: ignored and untracked files do not count),
 * sorted in byte order so everything under a folder is one contiguous range.
 */
export class TrackedFiles {
  readonly #sorted: string[];

  constructor(files: Iterable<string>) {
    this.#sorted = [...files].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  get size(): number {
    return this.#sorted.length;
  }

  /** Files equal to `base` or under it; `""` is the root. */
  under(base: string): string[] {
    if (base === '') return this.#sorted;
    const result: string[] = [];
    const exact = this.#lowerBound(base);
    if (this.#sorted[exact] === base) result.push(base);
    const prefix = `${base}/`;
    for (let i = this.#lowerBound(prefix); i < this.#sorted.length && this.#sorted[i]!.startsWith(prefix); i++) result.push(this.#sorted[i]!);
    return result;
  }

  /** Tracked files a subscription or exclusion pattern matches. */
  matching(pattern: string): string[] {
    const test = patternTest(pattern);
    return this.under(staticBase(pattern)).filter((file) => test(file));
  }

  /**
   * For a literal path that matches nothing: the same path with its first missing segment
   * replaced by the closest existing one (`features/webpush/flsk` → `features/webpush/flask`).
   */
  suggest(path: string): string | undefined {
    const segments = path.split('/');
    for (let depth = 0; depth < segments.length; depth++) {
      const prefix = segments.slice(0, depth).join('/');
      const candidate = segments.slice(0, depth + 1).join('/');
      if (this.under(candidate).length > 0) continue;
      const children = new Set(this.under(prefix).map((file) => file.split('/')[depth]!));
      const closest = closestMatch(segments[depth]!, children);
      if (!closest) return undefined;
      const suggestion = [...segments.slice(0, depth), closest, ...segments.slice(depth + 1)].join('/');
      return this.under(suggestion).length > 0 ? suggestion : undefined;
    }
    return undefined;
  }

  #lowerBound(value: string): number {
    let low = 0;
    let high = this.#sorted.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.#sorted[mid]! < value) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

export interface PathCheckOptions {
  /**
   * The monorepo folder: subscription paths are relative to it. Default: the whole git work
   * tree around `cwd`, so lint gives the same answer from any folder of the monorepo.
   */
  root?: string;
  /** Where a relative `root` and the default work tree are looked up (default: the process's directory). */
  cwd?: string;
  /** true: required (fails when there is no git work tree); false: off; default: on when there is one. */
  pathCheck?: boolean;
  /** Tracked files given directly (tests, or callers that listed them already); skips git. */
  trackedFiles?: readonly string[];
}

/**
 * The tracked files the path check runs against, or undefined when it is off. One
 * `git ls-files` call answers both "is this a work tree?" and "what is tracked?": a second
 * git process would cost start-up time on every lint.
 */
export async function resolveTrackedFiles(options: PathCheckOptions): Promise<TrackedFiles | undefined> {
  if (options.trackedFiles) return new TrackedFiles(options.trackedFiles);
  if (options.pathCheck === false) return undefined;
  const cwd = options.cwd ?? process.cwd();
  const git = new Git(options.root === undefined ? cwd : resolve(cwd, options.root));
  // Without a root, ":/" (the top of the work tree) with --full-name lists every file by its full path.
  const args = options.root === undefined ? ['ls-files', '-z', '--full-name', '--', ':/'] : ['ls-files', '-z'];
  // 128: not a work tree; -1: git could not be started at all.
  const listing = await git.run(args, { okCodes: [128, -1] });
  if (listing.code !== 0) {
    if (options.pathCheck !== true) return undefined;
    const reason = listing.stderr.trim().split('\n').pop() || 'git is not available';
    throw new UsageError(`the path check needs the monorepo as a git work tree, and ${git.cwd} is not one (${reason}); pass --root or --no-path-check`);
  }
  return new TrackedFiles(splitNul(listing.stdout));
}
