import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { git, gitFails, tempDir, writeFiles } from './test-support/git.js';

const BIN = fileURLToPath(new URL('./bin.ts', import.meta.url));
const children: ChildProcess[] = [];

interface Started {
  child: ChildProcess;
  info: { apiUrl: string; gitUrl: string; dataDir: string; tokens: { admin: string } };
}

/** Runs the CLI from source (through tsx) and reads its one JSON line. */
async function runCli(args: string[]): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await once(lines, 'line')) as [string];
  return { child, info: JSON.parse(line) };
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const [code] = (await exited) as [number | null];
  return code;
}

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('github-sim CLI', () => {
  it('prints its help on --help and exits 0', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', BIN, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(out).toMatch(/^Usage: github-sim \[options\]\n/);
    expect(out).toMatch(/^Exit codes: 0 /m);
  });

  it('prints one JSON line, serves the repositories it was given, and keeps them across restarts', async () => {
    const data = await tempDir();
    const fixture = await tempDir();
    const work = await tempDir();
    try {
      await writeFiles(fixture.path, { 'README.md': '# demo\n' });
      const first = await runCli(['--data', data.path, '--repo', `acme/demo=${fixture.path}`, '--private-repo', 'acme/secret', '--seed', '3']);
      expect(first.info.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v3$/);
      expect(first.info.dataDir).toBe(data.path);
      expect(first.info.tokens.admin).toMatch(/^ghp_/);
      await git(work.path, 'clone', '--quiet', `${first.info.gitUrl}/acme/demo.git`, 'demo');
      const repo = await fetch(`${first.info.apiUrl}/repos/acme/secret`, { headers: { authorization: `token ${first.info.tokens.admin}` } });
      expect(((await repo.json()) as { private: boolean }).private).toBe(true);
      expect(await stop(first.child)).toBe(0);

      const second = await runCli(['--data', data.path, '--repo', 'acme/demo']);
      expect(second.info.tokens.admin).not.toBe(first.info.tokens.admin);
      await git(work.path, 'clone', '--quiet', `${second.info.gitUrl}/acme/demo.git`, 'again');
      expect((await gitFails(work.path, 'clone', '--quiet', `${second.info.gitUrl}/acme/secret.git`, 'secret')).code).not.toBe(0);
      expect(await stop(second.child)).toBe(0);
    } finally {
      await Promise.all([data.remove(), fixture.remove(), work.remove()]);
    }
  });

  it('refuses unknown flags with exit code 2 and one line of usage', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', BIN, '--bogus'], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(2);
    expect(stderr).toMatch(/^github-sim: Unknown option '--bogus'/);
    expect(stderr).toContain('usage: github-sim');
  });
});
