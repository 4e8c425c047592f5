import { cp, mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ActionContext, ActionHandler } from './actions.js';

/**
 * actions/upload-artifact and actions/download-artifact (v4 and later), locally. Artifacts
 * belong to the workflow run, shared by its jobs and the reusable workflows it calls: the
 * store is a folder in the run's temp folder. As on GitHub, a name is taken once per run
 * (no `overwrite`), a missing named artifact fails the download, and a pattern matching
 * nothing downloads nothing. Paths are one file or folder each; no globs.
 */
const storeOf = (context: ActionContext) => path.join(context.runnerTemp, '.artifacts');

export const localUploadArtifact: ActionHandler = async (context) => {
  const name = context.inputs.name || 'artifact';
  if (/[":<>|*?\r\n\\/]/.test(name)) throw new Error(`The artifact name is not valid: ${name}. Contains a character that is not allowed`);
  const target = path.join(storeOf(context), name);
  if (await exists(target)) throw new Error(`Failed to CreateArtifact: an artifact with the name ${name} already exists on this workflow run`);
  const sources = (context.inputs.path ?? '').split('\n').map((line) => line.trim()).filter(Boolean);
  if (sources.some((source) => /[*?[\]!]/.test(source))) throw new Error(`upload-artifact: glob paths are not supported locally (${sources.join(', ')})`);
  const found = [];
  for (const source of sources) {
    const absolute = path.resolve(context.workspace, source);
    if (await exists(absolute)) found.push(absolute);
  }
  if (found.length === 0) {
    const message = `No files were found with the provided path: ${sources.join(', ')}. No artifacts will be uploaded.`;
    const policy = context.inputs['if-no-files-found'] || 'warn';
    if (policy === 'error') throw new Error(message);
    context.log(policy === 'warn' ? `warning: ${message}` : message);
    return;
  }
  await mkdir(target, { recursive: true });
  for (const source of found) {
    const isFolder = (await stat(source)).isDirectory();
    await cp(source, isFolder ? target : path.join(target, path.basename(source)), { recursive: true });
  }
  context.setOutput('artifact-id', name);
  context.log(`uploaded artifact ${name}`);
};

export const localDownloadArtifact: ActionHandler = async (context) => {
  const store = storeOf(context);
  const destination = path.resolve(context.workspace, context.inputs.path || '.');
  const names = (await exists(store)) ? (await readdir(store)).sort() : [];
  const single = context.inputs.name;
  if (single && !names.includes(single)) throw new Error(`Unable to download artifact(s): Artifact '${single}' not found`);
  const pattern = context.inputs.pattern ? globRegExp(context.inputs.pattern) : undefined;
  const chosen = single ? [single] : names.filter((name) => !pattern || pattern.test(name));
  const merge = Boolean(single) || context.inputs['merge-multiple'] === 'true';
  for (const name of chosen) {
    await mkdir(destination, { recursive: true });
    await cp(path.join(store, name), merge ? destination : path.join(destination, name), { recursive: true });
  }
  context.setOutput('download-path', destination);
  context.log(`downloaded ${chosen.length} artifact(s)`);
};

/** The `*` and `?` of a minimatch pattern over one artifact name (names hold no `/`). */
function globRegExp(pattern: string): RegExp {
  if (/[[\]{}!()+@]/.test(pattern)) throw new Error(`download-artifact: only * and ? patterns are supported locally (${pattern})`);
  const body = pattern.replace(/[.^$|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
