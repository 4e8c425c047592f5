import { describe, expect, it } from 'vitest';
import { runCli } from '../main.js';
import { captureIO } from '../test-support/capture-io.js';

async function run(argv: string[]) {
  const io = captureIO({ cwd: process.cwd() });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('ecosystem sync --help', () => {
  it('is the help the command itself prints, however it is asked (bare --help skips loading the command)', async () => {
    const fast = await run(['sync', '--help']);
    expect(fast).toMatchObject({ code: 0, err: '' });
    expect(fast.out).toMatch(/^Usage: ecosystem sync \[options\]\n/);
    // With another flag the command module parses the line and prints its own help.
    expect((await run(['sync', '--dry-run', '--help'])).out).toBe(fast.out);
    expect((await run(['sync', '-h'])).out).toBe(fast.out);
    expect((await run(['help', 'sync'])).out).toBe(fast.out);
  });
});
