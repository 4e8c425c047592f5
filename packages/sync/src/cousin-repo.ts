import { Git, GitError } from '@ecosystem-dispatcher/core';
import { cousinGitEnv } from './git-auth.js';
import { workflowPushRefusal } from './workflow-permission.js';

/** Used when the machine has no git identity (a fresh CI runner); a local identity wins. */
const BOT_NAME = 'github-actions[bot]';
const BOT_EMAIL = '41898282+github-actions[bot]@users.noreply.github.com';

/**
 * The cousin's own repository (the checkout in --repo-dir, remote `origin`). Reads refs,
 * fetches and pushes; the files are changed only in a separate work tree.
 */
export class CousinRepo {
  readonly git: Git;

  private constructor(git: Git) {
    this.git = git;
  }

  static async open(dir: string, token: string | undefined, env: Record<string, string> = {}): Promise<CousinRepo> {
    const probe = new Git(dir, env);
    const top = (await probe.output(['rev-parse', '--show-toplevel'])).trim();
    const identity = await missingIdentity(probe, env);
    return new CousinRepo(new Git(top, { ...env, ...identity, GIT_LITERAL_PATHSPECS: '1', ...cousinGitEnv(token) }));
  }

  async defaultBranchFromOrigin(): Promise<string> {
    const output = await this.git.output(['ls-remote', '--symref', 'origin', 'HEAD']);
    const match = /^ref: refs\/heads\/(\S+)\tHEAD$/m.exec(output);
    if (!match?.[1]) throw new Error("cannot tell the cousin's default branch from origin");
    return match[1];
  }

  /** The tip of a branch on origin, or undefined when it does not exist. */
  async remoteBranchTip(branch: string): Promise<string | undefined> {
    const output = await this.git.output(['ls-remote', 'origin', `refs/heads/${branch}`]);
    return output.split('\t')[0]?.trim() || undefined;
  }

  /**
   * Brings origin's branch into refs/remotes/origin/<branch> with enough history to find
   * the last sync commit (a shallow CI checkout is deepened).
   */
  async fetchBranch(branch: string): Promise<string> {
    const shallow = (await this.git.output(['rev-parse', '--is-shallow-repository'])).trim() === 'true';
    const args = ['fetch', '--quiet', '--no-tags', ...(shallow ? ['--unshallow'] : []), 'origin', `+refs/heads/${branch}:refs/remotes/origin/${branch}`];
    await this.git.run(args);
    return (await this.git.output(['rev-parse', '--verify', `refs/remotes/origin/${branch}`])).trim();
  }

  async localBranchTip(branch: string): Promise<string | undefined> {
    return this.git.resolveCommit(`refs/heads/${branch}`);
  }

  async currentBranch(): Promise<string | undefined> {
    const result = await this.git.run(['symbolic-ref', '--quiet', '--short', 'HEAD'], { okCodes: [1] });
    return result.code === 0 ? result.stdout.trim() : undefined;
  }

  async treeOf(rev: string): Promise<string> {
    return (await this.git.output(['rev-parse', `${rev}^{tree}`])).trim();
  }

  /** `git diff --name-status` between two commits of the cousin, for the PR body. */
  async changedFiles(from: string, to: string): Promise<{ status: string; path: string }[]> {
    const parts = (await this.git.output(['diff', '--name-status', '-z', '--no-renames', from, to, '--'])).split('\0');
    const files: { status: string; path: string }[] = [];
    for (let i = 0; i + 1 < parts.length; i += 2) files.push({ status: parts[i]!, path: parts[i + 1]! });
    return files;
  }

  async push(commit: string, branch: string, expected: string | undefined, fastForwardOnly: boolean): Promise<void> {
    const lease = fastForwardOnly ? [] : [`--force-with-lease=refs/heads/${branch}:${expected ?? ''}`];
    try {
      await this.git.run(['push', '--quiet', '--no-verify', ...lease, 'origin', `${commit}:refs/heads/${branch}`]);
    } catch (error) {
      // Not a fast-forward, or the lease no longer holds: the branch moved since it was read.
      // Two pushes landing at once: the server's ref lock refuses the second ("cannot lock ref").
      if (error instanceof GitError && /\[rejected\]|stale info|non-fast-forward|fetch first|cannot lock ref|failed to update ref/.test(error.stderr)) {
        throw new PushRefused(`the push to ${branch} was refused because the branch moved meanwhile`, { cause: error });
      }
      throw workflowPushRefusal(error, branch) ?? error;
    }
  }

  async updateLocalBranch(branch: string, commit: string, expected: string | undefined): Promise<void> {
    await this.git.run(['update-ref', '-m', 'ecosystem sync', `refs/heads/${branch}`, commit, expected ?? '']);
  }
}

async function missingIdentity(git: Git, env: Record<string, string>): Promise<Record<string, string>> {
  const has = async (key: string, variable: string) =>
    Boolean(env[variable] ?? process.env[variable]) || (await git.run(['config', '--get', key], { okCodes: [1] })).stdout.trim() !== '';
  const identity: Record<string, string> = {};
  if (!(await has('user.name', 'GIT_COMMITTER_NAME'))) Object.assign(identity, { GIT_COMMITTER_NAME: BOT_NAME, GIT_AUTHOR_NAME: BOT_NAME });
  if (!(await has('user.email', 'GIT_COMMITTER_EMAIL'))) Object.assign(identity, { GIT_COMMITTER_EMAIL: BOT_EMAIL, GIT_AUTHOR_EMAIL: BOT_EMAIL });
  return identity;
}

/** The cousin's branch moved between the fetch and the push; the sync can be redone on the new tip. */
export class PushRefused extends Error {}
