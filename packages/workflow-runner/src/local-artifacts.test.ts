import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActionContext } from './actions.js';
import { localDownloadArtifact, localUploadArtifact } from './local-artifacts.js';

let runnerTemp: string;
let workspace: string;

beforeEach(async () => {
  runnerTemp = await mkdtemp(path.join(os.tmpdir(), 'artifacts-temp-'));
  workspace = await mkdtemp(path.join(os.tmpdir(), 'artifacts-ws-'));
});
afterEach(async () => {
  await rm(runnerTemp, { recursive: true, force: true });
  await rm(workspace, { recursive: true, force: true });
});

function step(inputs: Record<string, string>, outputs: Record<string, string> = {}): ActionContext {
  return {
    inputs, env: {}, github: {}, workspace, runnerTemp,
    setOutput: (name, value) => void (outputs[name] = value), addPath: () => {}, exportVariable: () => {}, log: () => {},
  };
}

describe('artifacts of a run', () => {
  it('uploaded by several jobs, are downloaded by pattern into one folder with merge-multiple', async () => {
    await writeFile(path.join(workspace, '1-a.json'), 'a');
    await writeFile(path.join(workspace, '1-b.json'), 'b');
    await localUploadArtifact(step({ name: 'results-1-a', path: '1-a.json' }));
    await localUploadArtifact(step({ name: 'results-1-b', path: path.join(workspace, '1-b.json') }));
    await localUploadArtifact(step({ name: 'other', path: '1-a.json' }));
    await localDownloadArtifact(step({ pattern: 'results-*', path: 'merged', 'merge-multiple': 'true' }));
    expect((await readdir(path.join(workspace, 'merged'))).sort()).toEqual(['1-a.json', '1-b.json']);
    await localDownloadArtifact(step({ pattern: 'results-*', path: 'apart' }));
    expect((await readdir(path.join(workspace, 'apart'))).sort()).toEqual(['results-1-a', 'results-1-b']);
    expect(await readFile(path.join(workspace, 'apart', 'results-1-b', '1-b.json'), 'utf8')).toBe('b');
  });

  it('take a name once per run, as GitHub does', async () => {
    await writeFile(path.join(workspace, 'f'), 'x');
    await localUploadArtifact(step({ name: 'same', path: 'f' }));
    await expect(localUploadArtifact(step({ name: 'same', path: 'f' }))).rejects.toThrow('an artifact with the name same already exists on this workflow run');
    await expect(localUploadArtifact(step({ name: 'a/b', path: 'f' }))).rejects.toThrow('The artifact name is not valid: a/b');
  });

  it('with no files: error, warning or nothing, as if-no-files-found says; nothing is uploaded', async () => {
    await expect(localUploadArtifact(step({ name: 'none', path: 'missing.json', 'if-no-files-found': 'error' }))).rejects.toThrow('No files were found with the provided path: missing.json');
    await localUploadArtifact(step({ name: 'none', path: 'missing.json', 'if-no-files-found': 'ignore' }));
    await expect(localDownloadArtifact(step({ name: 'none' }))).rejects.toThrow("Artifact 'none' not found");
  });

  it('a pattern that matches nothing downloads nothing and succeeds', async () => {
    await mkdir(path.join(workspace, 'out'));
    const outputs: Record<string, string> = {};
    await localDownloadArtifact(step({ pattern: 'nothing-*', path: 'out', 'merge-multiple': 'true' }, outputs));
    expect(await readdir(path.join(workspace, 'out'))).toEqual([]);
    expect(outputs['download-path']).toBe(path.join(workspace, 'out'));
  });
});
