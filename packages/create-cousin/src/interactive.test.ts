import { cp, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ScaffoldIO } from './io.js';
import { runCreateCousin } from './main.js';
import { REPO_ROOT, tempDir } from './test-support/cli.js';

const ENTER = '\r';
const DOWN = '\u001B[B';
const SPACE = ' ';

/** A terminal stand-in: what the prompts print is collected, keys are typed once a text appears. */
class FakeTerminal {
  readonly input = new PassThrough();
  output = '';
  readonly stream = new Writable({
    write: (chunk, _encoding, done) => {
      this.output += String(chunk);
      done();
    },
  });

  async typeWhen(shown: string | RegExp, keys: string[]): Promise<void> {
    const deadline = Date.now() + 20_000;
    const seen = () => (typeof shown === 'string' ? this.output.includes(shown) : shown.test(this.output));
    while (!seen()) {
      if (Date.now() > deadline) throw new Error(`the prompt never showed ${String(shown)}; output so far:\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    for (const key of keys) {
      this.input.write(key);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

function terminalIO(terminal: FakeTerminal, cwd: string, stderr: string[]): ScaffoldIO {
  return { stdout: terminal.stream, stderr: { write: (chunk: string) => stderr.push(chunk) }, stdin: terminal.input, env: {}, cwd, interactive: true };
}

describe('on a terminal, missing answers are asked for', () => {
  it('offers the features of a local monorepo, checks each answer as it is typed, and writes the files', async () => {
    const monorepo = await tempDir('create-cousin-monorepo-');
    await cp(path.join(REPO_ROOT, 'examples/monorepo'), monorepo, { recursive: true });
    const dir = await tempDir();
    const terminal = new FakeTerminal();
    const stderr: string[] = [];
    const run = runCreateCousin(['--monorepo', monorepo, '--repo', 'acme/flask-push-app'], terminalIO(terminal, dir, stderr));

    await terminal.typeWhen('Which monorepo does this repository follow?', [...'acme', ENTER]);
    await terminal.typeWhen('has no owner', [...'/monorepo', ENTER]);
    // Offered sorted: cms/supabase/flask-implementation, pwa/vanilla, webpush/flask, webpush/react.
    await terminal.typeWhen('features/webpush/react', [DOWN, DOWN, SPACE, ENTER]);
    await terminal.typeWhen('Where does features/webpush/flask land', [ENTER]);
    await terminal.typeWhen('How should upstream changes be brought in?', [DOWN, ENTER]);

    expect(await run).toBe(0);
    expect(stderr.join('')).toBe('');
    const subscriptions = JSON.parse(await readFile(path.join(dir, 'subscriptions.json'), 'utf8'));
    expect(subscriptions).toMatchObject({ upstream: 'acme/monorepo', method: 'copy', subscriptions: { 'features/webpush/flask': '.' } });
    expect(terminal.output).toContain('features/cms/supabase/flask-implementation');
    expect(terminal.output).toContain('created .github/workflows/sync-upstream.yml');
  });

  it('asks only for what the flags left open, and never when --yes is given', async () => {
    const dir = await tempDir();
    const terminal = new FakeTerminal();
    const stderr: string[] = [];
    const run = runCreateCousin(['--upstream', 'acme/monorepo', '--method', 'patch'], terminalIO(terminal, dir, stderr));
    await terminal.typeWhen('Which monorepo folders should this repository follow?', [...'features/a, features/b', ENTER]);
    await terminal.typeWhen('Where does features/a land', [ENTER]);
    await terminal.typeWhen('Where does features/b land', [...'/lib', ENTER]);
    expect(await run).toBe(0);
    expect(terminal.output).not.toContain('Which monorepo does this repository follow?');
    expect(terminal.output).not.toContain('How should upstream changes be brought in?');
    const subscriptions = JSON.parse(await readFile(path.join(dir, 'subscriptions.json'), 'utf8'));
    expect(subscriptions.subscriptions).toEqual({ 'features/a': 'features/a', 'features/b': 'features/b/lib' });

    const quiet = new FakeTerminal();
    const code = await runCreateCousin(['--upstream', 'acme/monorepo', '--yes'], terminalIO(quiet, await tempDir(), stderr));
    expect(code).toBe(2);
    expect(quiet.output).toBe('');
    expect(stderr.join('')).toContain('missing --subscribe PATH[:DEST]');
  });

  it('writes nothing when the questions are cancelled', async () => {
    const dir = await tempDir();
    const terminal = new FakeTerminal();
    const stderr: string[] = [];
    const run = runCreateCousin(['--subscribe', 'features/a'], terminalIO(terminal, dir, stderr));
    await terminal.typeWhen('Which monorepo does this repository follow?', ['\u0003']);
    expect(await run).toBe(2);
    expect(stderr.join('')).toBe('create-cousin: cancelled; nothing was written\n');
  });
});
