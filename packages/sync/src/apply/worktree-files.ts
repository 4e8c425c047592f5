import { chmod, lstat, mkdir, readdir, readFile, readlink, rm, rmdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Git } from '@ecosystem-dispatcher/core';

export type FileState =
  | { kind: 'file'; data: Buffer; executable: boolean }
  | { kind: 'symlink'; target: string }
  /** A submodule entry: in the index only, its folder left empty as a checkout without submodules has it. */
  | { kind: 'gitlink'; oid: string };

/**
 * Reads and writes inside one work tree, never through a symlink that is already there:
 * a cousin folder that is a link to elsewhere cannot redirect a sync's writes.
 */
export class WorktreeFiles {
  readonly root: string;
  /** Git in this work tree, for submodule entries (they live in the index, not in files). */
  readonly #git: Git | undefined;
  /** Every path written or removed here (not submodule entries: those are staged as they are written). */
  readonly touched = new Set<string>();

  constructor(root: string, git?: Git) {
    this.root = root;
    this.#git = git;
  }

  async read(path: string): Promise<FileState | undefined> {
    await this.assertRealParents(path);
    const full = join(this.root, path);
    const info = await lstat(full).catch(() => undefined);
    if (!info) return undefined;
    if (info.isSymbolicLink()) return { kind: 'symlink', target: await readlink(full) };
    if (info.isDirectory()) return this.gitlinkAt(path);
    if (!info.isFile()) return undefined;
    return { kind: 'file', data: await readFile(full), executable: (info.mode & 0o111) !== 0 };
  }

  async write(path: string, state: FileState): Promise<void> {
    await this.assertRealParents(path);
    const full = join(this.root, path);
    if (await this.blocker(path)) throw new Error(`${path}: the cousin has files in the way; a sync never deletes them to make room`);
    await mkdir(dirname(full), { recursive: true });
    // An empty folder is all that may stand here (blocker() said so): nothing of the cousin's is lost.
    await rm(full, { force: true, recursive: true });
    // A submodule entry is staged here and now; staging its path again by name would drop it.
    if (state.kind === 'gitlink') this.touched.delete(path);
    else this.touched.add(path);
    if (state.kind === 'gitlink') {
      await mkdir(full);
      await this.requireGit(path).run(['update-index', '--add', '--cacheinfo', `160000,${state.oid},${path}`]);
    } else if (state.kind === 'symlink') {
      await symlink(state.target, full);
    } else {
      await writeFile(full, state.data);
      await chmod(full, state.executable ? 0o755 : 0o644);
    }
  }

  /** Deletes the file and then the folders it leaves empty. */
  async remove(path: string): Promise<void> {
    await this.assertRealParents(path);
    if ((await this.gitlinkAt(path)) !== undefined) {
      await this.requireGit(path).run(['update-index', '--force-remove', '--', path]);
      await rmdir(join(this.root, path)).catch(() => undefined);
    }
    await rm(join(this.root, path), { force: true });
    this.touched.add(path);
    let folder = dirname(path);
    while (folder !== '.' && folder !== '') {
      const removed = await rmdir(join(this.root, folder)).then(() => true, () => false);
      if (!removed) break;
      folder = dirname(folder);
    }
  }

  /**
   * Whether `path` exists under exactly this name, every folder's case included. A file
   * system that ignores case finds `Readme.md` when asked for `README.md`; git's index does
   * not, and a case-only rename must tell the two apart.
   */
  async existsExactly(path: string): Promise<boolean> {
    let folder = this.root;
    for (const segment of path.split('/')) {
      const names = await readdir(folder).catch(() => [] as string[]);
      if (!names.includes(segment)) return false;
      folder = join(folder, segment);
    }
    return true;
  }

  /** Whether `path` holds a file or link of exactly this name (what the index can list). */
  async holdsExactly(path: string): Promise<boolean> {
    if (!(await this.existsExactly(path))) return false;
    return !(await lstat(join(this.root, path))).isDirectory();
  }

  /**
   * What writing `path` would destroy: a folder of the cousin's that still holds files at
   * that path, or a file (or link) of the cousin's where the path needs a folder.
   */
  async blocker(path: string): Promise<{ kind: 'folder' | 'file'; path: string } | undefined> {
    await this.assertRealParents(path);
    const segments = path.split('/');
    for (let i = 1; i <= segments.length; i++) {
      const prefix = segments.slice(0, i).join('/');
      const info = await lstat(join(this.root, prefix)).catch(() => undefined);
      if (!info) return undefined;
      if (i === segments.length) return info.isDirectory() && (await readdir(join(this.root, prefix))).length > 0 ? { kind: 'folder', path: prefix } : undefined;
      if (!info.isDirectory()) return { kind: 'file', path: prefix };
    }
    return undefined;
  }

  private async gitlinkAt(path: string): Promise<FileState | undefined> {
    if (!this.#git) return undefined;
    const [entry] = (await this.#git.output(['ls-files', '--stage', '-z', '--', path])).split('\0');
    const match = /^160000 ([0-9a-f]+) \d\t(.*)$/s.exec(entry ?? '');
    return match && match[2] === path ? { kind: 'gitlink', oid: match[1]! } : undefined;
  }

  private requireGit(path: string): Git {
    if (!this.#git) throw new Error(`${path}: a submodule entry needs the work tree's git`);
    return this.#git;
  }

  private async assertRealParents(path: string): Promise<void> {
    const segments = path.split('/');
    for (let i = 1; i < segments.length; i++) {
      const parent = segments.slice(0, i).join('/');
      const info = await lstat(join(this.root, parent)).catch(() => undefined);
      if (!info) return;
      if (info.isSymbolicLink()) throw new Error(`${path}: the cousin's ${parent} is a symlink; a sync does not write through it`);
    }
  }
}

export function sameState(a: FileState | undefined, b: FileState | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.kind === 'gitlink' || b.kind === 'gitlink') return a.kind === b.kind && (a as { oid: string }).oid === (b as { oid: string }).oid;
  if (a.kind === 'symlink' || b.kind === 'symlink') return a.kind === b.kind && (a as { target: string }).target === (b as { target: string }).target;
  // The executable bit is part of a file, as it is of a git tree entry: a chmod alone is a change.
  return a.data.equals(b.data) && a.executable === b.executable;
}

export function isBinary(state: FileState | undefined): boolean {
  return state?.kind === 'file' && state.data.subarray(0, 8000).includes(0);
}
