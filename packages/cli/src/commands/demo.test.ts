import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../main.js';
import { captureIO } from '../test-support/capture-io.js';

describe('ecosystem demo usage', () => {
  it('refuses a --keep folder that is not empty, before starting anything', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ecosystem-demo-keep-'));
    await writeFile(join(dir, 'precious.txt'), 'x');
    const io = captureIO({ cwd: dir });
    expect(await runCli(['demo', '--keep', dir], io)).toBe(2);
    expect(io.err()).toMatch(/--keep .*: the folder is not empty; pick a new one/);
    await rm(dir, { recursive: true, force: true });
  });

  it('names the flag to pass when the example monorepo is missing', async () => {
    const io = captureIO({ cwd: tmpdir() });
    expect(await runCli(['demo', '--example', 'nowhere'], io)).toBe(2);
    expect(io.err()).toMatch(/has no features\/ folder; pass --example DIR/);
  });
});
