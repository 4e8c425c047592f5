import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkWorkflowDir } from './index.js';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

describe("this repository's own workflows", () => {
  it('the shipped reusable workflows, CI and dispatch have no findings at all', async () => {
    const names = await readdir(new URL('../../../.github/workflows/', import.meta.url));
    expect(names).toEqual(expect.arrayContaining(['ecosystem-dispatch.yml', 'ecosystem-lint.yml', 'cousin-sync.yml', 'ci.yml', 'dispatch-updates.yml']));
    expect(await checkWorkflowDir(repositoryRoot)).toEqual([]);
  });
});
