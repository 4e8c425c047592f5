import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BareRepo, gitEnv } from './bare-repo.js';

const run = promisify(execFile);

// Partial clone (`--filter=blob:none`) and later blob fetches need both settings;
// receive-pack is off by default over HTTP without REMOTE_USER.
const SERVING_CONFIG: [string, string][] = [
  ['http.receivepack', 'true'],
  ['uploadpack.allowFilter', 'true'],
  ['uploadpack.allowAnySHA1InWant', 'true'],
  ['receive.denyNonFastForwards', 'false'],
];

export function bareRepoPath(dataDir: string, owner: string, name: string): string {
  return join(dataDir, owner, `${name}.git`);
}

/** Creates the bare repository, optionally with one initial commit of `fromDir`. */
export async function createBareRepo(path: string, defaultBranch: string, fromDir?: string): Promise<BareRepo> {
  await mkdir(path, { recursive: true });
  await run('git', ['init', '--bare', '--quiet', path], { env: gitEnv() });
  const repo = new BareRepo(path);
  await repo.run(['symbolic-ref', 'HEAD', `refs/heads/${defaultBranch}`]);
  for (const [key, value] of SERVING_CONFIG) await repo.run(['config', key, value]);
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
