import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Git } from '../git.js';

/** A fixed identity and a config-free git, so tests never depend on the machine's settings. */
export const TEST_GIT_ENV: Record<string, string> = {
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@example.com',
  GIT_COMMITTER_NAME: 'Test Committer',
  GIT_COMMITTER_EMAIL: 'committer@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

export interface TempRepo {
  dir: string;
  git: Git;
  /** Writes files (path → content; null deletes) and commits them; returns the new SHA. */
  commit(files: Record<string, string | null>, message?: string): Promise<string>;
  write(files: Record<string, string | null>): Promise<void>;
  head(): Promise<string>;
  remove(): Promise<void>;
}

/** A throw-away git repository in the system temp folder. */
export async function createTempRepo(options: { branch?: string; prefix?: string } = {}): Promise<TempRepo> {
  const dir = await mkdtemp(join(tmpdir(), options.prefix ?? 'ecosystem-repo-'));
  const git = new Git(dir, TEST_GIT_ENV);
  await git.run(['init', '--quiet', '--initial-branch', options.branch ?? 'main']);
  const write = async (files: Record<string, string | null>) => {
    for (const [path, content] of Object.entries(files)) {
      const full = join(dir, path);
      if (content === null) await rm(full, { force: true });
      else {
        await mkdir(dirname(full), { recursive: true });
        await writeFile(full, content);
      }
    }
  };
  const head = async () => (await git.output(['rev-parse', 'HEAD'])).trim();
  return {
    dir,
    git,
    write,
    head,
    async commit(files, message = 'change') {
      await write(files);
      await git.run(['add', '--all']);
      await git.run(['commit', '--quiet', '--allow-empty', '-m', message]);
      return head();
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
