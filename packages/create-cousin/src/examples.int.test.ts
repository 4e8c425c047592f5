import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runBuiltCli } from './test-support/cli.js';

const COUSINS = path.join(REPO_ROOT, 'examples/cousins');
const answers = JSON.parse(await readFile(path.join(COUSINS, 'answers.json'), 'utf8')) as Record<string, string[]>;

describe('examples/cousins are what create-cousin makes from examples/monorepo', () => {
  it.each(Object.entries(answers))('%s is current (create-cousin --check)', async (name, args) => {
    const result = await runBuiltCli([path.join(COUSINS, name), ...args, '--monorepo', path.join(REPO_ROOT, 'examples/monorepo'), '--check'], REPO_ROOT);
    expect(result.stdout + result.stderr).toBe('create-cousin: up to date\n');
    expect(result.code).toBe(0);
  });

  it.each(Object.keys(answers))('%s is current with a bare --check: the answers are read back from its files', async (name) => {
    const result = await runBuiltCli([path.join(COUSINS, name), '--check'], REPO_ROOT);
    expect(result.stdout + result.stderr).toBe('create-cousin: up to date\n');
    expect(result.code).toBe(0);
  });
});
