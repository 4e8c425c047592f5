import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Git identity and isolation for test clients: never the user's config. */
export const clientEnv: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@example.test',
  GIT_COMMITTER_NAME: 'Test Committer',
  GIT_COMMITTER_EMAIL: 'committer@example.test',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0',
  GIT_ASKPASS: '',
};

export async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, env: clientEnv, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** Runs git and returns the failure instead of throwing. */
export async function gitFails(cwd: string, ...args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    await run('git', args, { cwd, env: clientEnv });
    return { code: 0, stderr: '' };
  } catch (error) {
    const failure = error as { code?: number; stderr?: string };
    return { code: failure.code ?? 1, stderr: failure.stderr ?? '' };
  }
}

export async function tempDir(prefix = 'github-sim-test-'): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

export async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    const target = join(root, name);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content);
  }
}

/** `http://x-access-token:TOKEN@127.0.0.1:PORT/owner/repo.git` */
export function tokenUrl(gitUrl: string, fullName: string, token: string): string {
  const url = new URL(`${gitUrl}/${fullName}.git`);
  url.username = 'x-access-token';
  url.password = token;
  return url.toString();
}

/** Commits the given files on the current branch of a working clone. */
export async function commitFiles(cwd: string, files: Record<string, string>, message: string): Promise<string> {
  await writeFiles(cwd, files);
  await git(cwd, 'add', '--all');
  await git(cwd, 'commit', '--quiet', '-m', message);
  return (await git(cwd, 'rev-parse', 'HEAD')).trim();
}
