import { dirname, resolve } from 'node:path';
import { findRepoNameProblem, Git, UsageError } from '@ecosystem-dispatcher/core';
import type { CommandIO } from './io.js';

/**
 * The monorepo a command talks about: the flag, else $GITHUB_REPOSITORY (set in Actions),
 * else the `origin` remote of the checkout holding the config, as `gh` does.
 */
export async function inferMonorepo(flag: string | undefined, configFile: string, io: CommandIO): Promise<string> {
  const found = flag ?? (io.env.GITHUB_REPOSITORY || undefined) ?? (await originRepo(dirname(resolve(io.cwd, configFile))));
  if (!found) throw new UsageError('which monorepo? pass --monorepo OWNER/NAME (or set GITHUB_REPOSITORY, or run in a checkout whose origin names it)');
  const problem = findRepoNameProblem(found);
  if (problem) throw new UsageError(`--monorepo ${JSON.stringify(found)} ${problem}`);
  return found;
}

async function originRepo(dir: string): Promise<string | undefined> {
  const url = await new Git(dir).output(['remote', 'get-url', 'origin']).catch(() => undefined);
  return url === undefined ? undefined : repoFromRemoteUrl(url.trim());
}

/** `owner/name` from https://host/owner/name(.git), git@host:owner/name.git or ssh://…/owner/name. */
export function repoFromRemoteUrl(url: string): string | undefined {
  const path = /^[\w.-]+@[\w.-]+:(.+)$/.exec(url)?.[1] ?? safePath(url);
  const parts = path?.replace(/\.git\/?$/, '').split('/').filter(Boolean) ?? [];
  if (parts.length < 2) return undefined;
  const name = parts.slice(-2).join('/');
  return findRepoNameProblem(name) ? undefined : name;
}

function safePath(url: string): string | undefined {
  try {
    return new URL(url).pathname;
  } catch {
    return undefined; // not a URL: a local path remote names no GitHub repository
  }
}
