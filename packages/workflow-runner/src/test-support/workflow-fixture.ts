import { afterEach, beforeEach } from 'vitest';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RunnerOptions } from '../index.js';

/** A scratch repository folder with .github/workflows/, for the runner's own tests. */
export interface WorkflowFixture {
  root: string;
  workflow(name: string, text: string): Promise<string>;
  options(extra?: Partial<RunnerOptions>): RunnerOptions;
  remove(): Promise<void>;
}

export async function createWorkflowFixture(): Promise<WorkflowFixture> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'runner-test-'));
  await mkdir(path.join(root, '.github', 'workflows'), { recursive: true });
  return {
    root,
    async workflow(name, text) {
      const file = path.join(root, '.github', 'workflows', name);
      await writeFile(file, text);
      return file;
    },
    options: (extra = {}) => ({ repositoryRoot: root, event: { name: 'push', payload: { ref: 'refs/heads/main', after: 'f'.repeat(40) } }, ...extra }),
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

/** A fresh fixture per test, removed after it; `root()` names the current one's folder. */
export function useWorkflowFixture(): Pick<WorkflowFixture, 'workflow' | 'options'> & { root(): string } {
  let fixture: WorkflowFixture | undefined;
  beforeEach(async () => {
    fixture = await createWorkflowFixture();
  });
  afterEach(async () => {
    await fixture?.remove();
  });
  return {
    workflow: (name, text) => fixture!.workflow(name, text),
    options: (extra) => fixture!.options(extra),
    root: () => fixture!.root,
  };
}
