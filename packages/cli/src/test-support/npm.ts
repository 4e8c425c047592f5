import { execFile } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

// npm passes its own settings to scripts through npm_config_* variables; the workspace
// ones would make the nested npm act on this repository instead of the temp folder.
export function npmEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_(config_(local_prefix|prefix|workspaces?|include_workspace_root|cache|offline|prefer_offline)|package_|lifecycle_)/i.test(key)) delete env[key];
  }
  return env;
}

export async function npm(args: string[], cwd: string): Promise<{ stdout: string; stderr: string }> {
  return run('npm', args, { cwd, env: npmEnv(), maxBuffer: 32 * 1024 * 1024 });
}

/** Bytes of every file under a folder, as `du --apparent-size` counts them. */
export async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}
