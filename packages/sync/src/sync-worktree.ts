import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Git } from '@ecosystem-dispatcher/core';
import { WorktreeFiles } from './apply/worktree-files.js';
import { SYNC_STATE_FOLDER, syncStatePath, syncStateText } from './sync-state.js';
import { trailerArgs, type SyncTrailers } from './trailers.js';

export interface CommitAuthor {
  name: string;
  email: string;
  date: string;
}

/**
 * A private, detached work tree of the cousin (`git worktree add`), so a sync never
 * touches the checkout it was started in: the person's files and current branch stay as
 * they were, whatever happens.
 */
export class SyncWorktree {
  readonly git: Git;
  readonly files: WorktreeFiles;
  readonly dir: string;
  readonly #cousin: Git;

  private constructor(cousin: Git, dir: string) {
    this.#cousin = cousin;
    this.dir = dir;
    this.git = cousin.at(dir);
    this.files = new WorktreeFiles(dir, this.git);
  }

  static async open(cousin: Git, startPoint: string): Promise<SyncWorktree> {
    const parent = await mkdtemp(join(tmpdir(), 'ecosystem-sync-'));
    const dir = join(parent, 'worktree');
    await cousin.run(['worktree', 'add', '--quiet', '--detach', dir, startPoint]);
    return new SyncWorktree(cousin, dir);
  }

  async head(): Promise<string> {
    return (await this.git.output(['rev-parse', 'HEAD'])).trim();
  }

  /**
   * Commits everything the sync wrote; undefined when nothing changed (and no merge is
   * pending) — unless `conflicted`: a conflict that kept the cousin's version changes no
   * file, and still must reach a person (the state file makes the commit).
   */
  async commit(message: string, trailers: SyncTrailers, author?: CommitAuthor, conflicted = false): Promise<string | undefined> {
    // --force: an upstream file the cousin's .gitignore happens to match is still part of the feature.
    await this.git.run(['add', '--all', '--force', '--', '.']);
    await this.stageExactly();
    const merging = (await this.git.run(['rev-parse', '--verify', '--quiet', 'MERGE_HEAD'], { okCodes: [1] })).code === 0;
    const staged = (await this.git.run(['diff', '--cached', '--quiet'], { okCodes: [1] })).code === 1;
    if (!staged && !merging && !conflicted) return undefined;
    // The durable record of this sync (sync-state.ts), only beside a real change: a sync that
    // changes nothing makes no commit at all.
    const statePath = syncStatePath(trailers.feature);
    await writeFile(join(this.dir, statePath), syncStateText(trailers)).catch(async () => {
      await mkdir(join(this.dir, SYNC_STATE_FOLDER), { recursive: true });
      await writeFile(join(this.dir, statePath), syncStateText(trailers));
    });
    await this.git.run(['add', '--force', '--', statePath]);
    const env: Record<string, string> = author ? { GIT_AUTHOR_NAME: author.name, GIT_AUTHOR_EMAIL: author.email, GIT_AUTHOR_DATE: author.date } : {};
    await this.git.run(['commit', '--quiet', '--no-verify', '--allow-empty', '--cleanup=whitespace', '-F', '-', ...trailerArgs(trailers)], { input: message, env });
    return this.head();
  }

  /**
   * Stages every path the sync wrote or removed under its exact name. `git add --all` alone
   * loses a case-only rename when `core.ignorecase` is set (`Readme.md` → `README.md`: the
   * old entry goes, and the new file counts as already tracked), on a file system that
   * ignores case or one where the setting was merely left on: the file would vanish from the
   * commit. The index is case-sensitive; these entries are made so, whatever the setting.
   */
  private async stageExactly(): Promise<void> {
    const exact = ['-c', 'core.ignorecase=false'];
    // A folder now at a removed file's path (a file upstream turned into a folder) is no entry: its files were added above.
    const [present, gone]: [string[], string[]] = [[], []];
    for (const path of this.files.touched) ((await this.files.holdsExactly(path)) ? present : gone).push(path);
    if (gone.length > 0) await this.git.run([...exact, 'update-index', '--force-remove', '-z', '--stdin'], { input: gone.map((p) => `${p}\0`).join('') });
    if (present.length > 0) await this.git.run([...exact, 'update-index', '--add', '-z', '--stdin'], { input: present.map((p) => `${p}\0`).join('') });
    this.files.touched.clear();
  }

  async close(): Promise<void> {
    await this.#cousin.run(['worktree', 'remove', '--force', this.dir], { okCodes: [128] });
    await rm(join(this.dir, '..'), { recursive: true, force: true });
    await this.#cousin.run(['worktree', 'prune'], { okCodes: [128] });
  }
}
