import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { BareRepo } from './bare-repo.js';
import type { SimCore } from './context.js';
import { bareRepoPath, createBareRepo } from './repo-factory.js';
import { nowIso } from './state.js';
import type { CreateRepoOptions } from './types.js';

interface RepoSettings {
  private: boolean;
  description: string | null;
  defaultBranch: string;
  collaborators?: string[];
  draftPullRequests?: boolean;
}

function register(core: SimCore, owner: string, name: string, git: BareRepo, { collaborators = [], draftPullRequests, ...settings }: RepoSettings): void {
  const createdAt = nowIso();
  core.state.user(owner);
  const rules = { collaborators: new Set(collaborators.map((login) => login.toLowerCase())), draftPullRequests: draftPullRequests ?? !settings.private };
  core.state.addRepo({ id: core.state.newId(), owner, name, fullName: `${owner}/${name}`, ...settings, ...rules, createdAt, pushedAt: createdAt, git, nextNumber: 1, issues: new Map(), labels: new Map(), refQueue: Promise.resolve() });
}

export async function createRepo(core: SimCore, fullName: string, options: CreateRepoOptions = {}): Promise<{ fullName: string; cloneUrl: string; path: string }> {
  const [owner, name, extra] = fullName.split('/');
  if (!owner || !name || extra !== undefined) throw new Error(`createRepo needs "owner/name", got "${fullName}"`);
  if (core.state.repo(fullName)) throw new Error(`repository ${fullName} already exists`);
  const path = bareRepoPath(core.dataDir, owner, name);
  const settings = { private: options.private ?? false, description: options.description ?? null, defaultBranch: options.defaultBranch ?? 'main' };
  const git = await createBareRepo(path, settings.defaultBranch, options.fromDir);
  // Visibility and description live in the repo's own config, so a restarted sim
  // on the same data dir finds them again.
  if (settings.private) await git.run(['config', 'github-sim.private', 'true']);
  if (settings.description !== null) await git.run(['config', 'github-sim.description', settings.description]);
  register(core, owner, name, git, { ...settings, ...(options.collaborators ? { collaborators: options.collaborators } : {}), ...(options.draftPullRequests !== undefined ? { draftPullRequests: options.draftPullRequests } : {}) });
  return { fullName: `${owner}/${name}`, cloneUrl: `${core.webUrl}/${owner}/${name}.git`, path };
}

async function readSetting(git: BareRepo, key: string): Promise<string | undefined> {
  const result = await git.run(['config', '--get', key], { allowFailure: true });
  return result.code === 0 ? result.stdout.trim() : undefined;
}

/** Registers the bare repositories an earlier run left in the data dir. */
export async function adoptExistingRepos(core: SimCore): Promise<void> {
  const owners = await readdir(core.dataDir, { withFileTypes: true }).catch(() => []);
  for (const owner of owners.filter((entry) => entry.isDirectory())) {
    const repos = await readdir(join(core.dataDir, owner.name), { withFileTypes: true });
    for (const entry of repos.filter((item) => item.isDirectory() && item.name.endsWith('.git'))) {
      const name = entry.name.slice(0, -'.git'.length);
      const git = new BareRepo(bareRepoPath(core.dataDir, owner.name, name));
      const head = (await git.run(['symbolic-ref', '--short', 'HEAD'], { allowFailure: true })).stdout.trim();
      if (!head) continue;
      const description = (await readSetting(git, 'github-sim.description')) ?? null;
      register(core, owner.name, name, git, { private: (await readSetting(git, 'github-sim.private')) === 'true', description, defaultBranch: head });
    }
  }
}
