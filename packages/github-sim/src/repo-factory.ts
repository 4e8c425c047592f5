import { execFile } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BareRepo, gitEnv } from './bare-repo.js';

const run = promisify(execFile);

// Partial clone (`--filter=blob:none`) and later blob fetches need both uploadpack
// settings; receive-pack is off by default over HTTP without REMOTE_USER. Appended
// to the config file directly: one file write instead of a git process per key.
const SERVING_CONFIG = `[http]
	receivepack = true
[uploadpack]
	allowFilter = true
	allowAnySHA1InWant = true
[receive]
	denyNonFastForwards = false
`;

export function bareRepoPath(dataDir: string, owner: string, name: string): string {
  return join(dataDir, owner, `${name}.git`);
}

/** Creates the bare repository, optionally with one initial commit of `fromDir`. */
export async function createBareRepo(path: string, defaultBranch: string, fromDir?: string): Promise<BareRepo> {
  await mkdir(path, { recursive: true });
  await run('git', ['init', '--bare', '--quiet', `--initial-branch=${defaultBranch}`, path], { env: gitEnv() });
  await appendFile(join(path, 'config'), SERVING_CONFIG);
  const repo = new BareRepo(path);
  if (fromDir) await commitFolder(repo, defaultBranch, fromDir);
  return repo;
}

async function commitFolder(repo: BareRepo, branch: string, fromDir: string): Promise<void> {
  const scratch = await mkdtemp(join(tmpdir(), 'github-sim-index-'));
  try {
    const env = { GIT_INDEX_FILE: join(scratch, 'index'), GIT_WORK_TREE: fromDir };
    // --force: the folder's own .gitignore must not hide fixture files.
    await repo.run(['--work-tree', fromDir, 'add', '--all', '--force', '--', '.'], { env });
    const tree = (await repo.out(['write-tree'], env)).trim();
    const commit = await repo.commitTree(tree, [], 'Initial commit\n');
    await repo.updateRef(`refs/heads/${branch}`, commit);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
