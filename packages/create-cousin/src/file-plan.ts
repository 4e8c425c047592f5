import { lstat, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { UsageError, unreadableReason } from '@ecosystem-dispatcher/core';

/**
 * What a run would do to one file: create it, add our section to it, leave it, or
 * replace content that is already there (which needs --force).
 */
export type FileChange = 'create' | 'add-section' | 'unchanged' | 'replace';

export interface PlannedFile {
  /** Relative to the cousin's folder, with "/". */
  path: string;
  absolute: string;
  current: string | undefined;
  next: string;
  change: FileChange;
}

/** Computes a file's new text from its current one; `replaces` says whether existing content would be lost. */
export type Producer = (current: string | undefined) => { text: string; replaces: boolean };

/** Wholly generated files: any difference from the current text replaces it. */
export function wholeFile(text: string): Producer {
  return (current) => ({ text, replaces: current !== undefined });
}

export async function planFile(root: string, relative: string, produce: Producer): Promise<PlannedFile> {
  const absolute = await safeTarget(root, relative);
  const current = await readIfExists(absolute);
  const { text, replaces } = produce(current);
  let change: FileChange;
  if (current === text) change = 'unchanged';
  else if (current === undefined) change = 'create';
  else change = replaces ? 'replace' : 'add-section';
  return { path: relative, absolute, current, next: text, change };
}

/**
 * `relative` resolved inside `root`, refusing anything that would lead out of it: `..`,
 * absolute paths, and symbolic links on the way (a link could point anywhere).
 */
export async function safeTarget(root: string, relative: string): Promise<string> {
  const base = await realpathIfExists(root);
  const absolute = path.resolve(base, relative);
  if (!absolute.startsWith(base + path.sep)) throw new UsageError(`refusing to write ${relative}: it lies outside ${root}`);
  let walked = base;
  for (const segment of path.relative(base, absolute).split(path.sep)) {
    walked = path.join(walked, segment);
    const info = await lstat(walked).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw new UsageError(`cannot read ${walked}: ${unreadableReason(error)}`);
    });
    if (!info) break;
    if (info.isSymbolicLink()) throw new UsageError(`refusing to write ${relative}: ${path.relative(base, walked)} is a symbolic link`);
    if (walked !== absolute && !info.isDirectory()) throw new UsageError(`cannot write ${relative}: ${path.relative(base, walked)} is a file, not a folder`);
  }
  return absolute;
}

async function realpathIfExists(folder: string): Promise<string> {
  try {
    return await realpath(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return path.resolve(folder);
    throw new UsageError(`cannot read ${folder}: ${unreadableReason(error)}`);
  }
}

export async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UsageError(`cannot read ${file}: ${unreadableReason(error)}`);
  }
}
