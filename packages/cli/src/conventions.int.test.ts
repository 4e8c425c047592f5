import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from './commands/index.js';

// The built binary, as users run it: these are promises about the command line itself.
const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const ANSI = /\u001b\[\d+m/;

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecosystem-cli-'));
  await writeFile(join(dir, 'ecosystem.json'), JSON.stringify([{ repo: 'acme/app', subscriptions: ['features/a', 'features/a/b'] }]));
  await writeFile(join(dir, 'broken.json'), '[{"repo": "acme/app.git", "subscriptions": ["features/a"]}]');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function ecosystem(argv: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<{ code: number; out: string; err: string }> {
  // A clean environment: the runner's own NO_COLOR, FORCE_COLOR or GITHUB_* must not leak in.
  const env = { PATH: process.env.PATH ?? '', HOME: dir, ...options.env };
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...argv], { cwd: options.cwd ?? dir, env }, (error, out, err) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, out, err });
    });
  });
}

describe('did you mean', () => {
  it('names the closest command, option and flag, exit 2', async () => {
    expect(await ecosystem(['lnt'])).toMatchObject({ code: 2, err: 'ecosystem: unknown command "lnt" (did you mean lint?); run "ecosystem --help" for the list\n' });
    expect(await ecosystem(['--vrsion'])).toMatchObject({ code: 2, err: expect.stringContaining('unknown option "--vrsion" (did you mean --version?)') });
    const flag = await ecosystem(['lint', '--formt', 'json']);
    expect(flag).toMatchObject({ code: 2, err: expect.stringContaining("unknown option '--formt' (did you mean --format?)") });
    expect(await ecosystem(['lint', '--path-chek'])).toMatchObject({ code: 2, err: expect.stringContaining('(did you mean --path-check?)') });
  });
});

describe('help', () => {
  it('"ecosystem help CMD" prints what "ecosystem CMD --help" prints', async () => {
    const viaHelp = await ecosystem(['help', 'lint']);
    expect(viaHelp).toEqual(await ecosystem(['lint', '--help']));
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.out).toMatch(/^Usage: ecosystem lint/);
    expect(await ecosystem(['help', 'lnt'])).toMatchObject({ code: 2, err: expect.stringContaining('(did you mean lint?)') });
  });

  // Every command, including those added later: the list comes from the command table.
  it.each(Object.keys(COMMANDS))('"%s --help" lists its usage, options, environment and exit codes, exit 0', async (name) => {
    const { code, out } = await ecosystem([name, '--help']);
    expect(code).toBe(0);
    expect(out).toMatch(new RegExp(`^Usage: ecosystem ${name} `));
    expect(out).toMatch(/^ {2}-h, --help +this help$/m);
    expect(out).toMatch(/^Environment:$/m);
    expect(out).toMatch(/^Exit codes: 0 /m);
  });

  it('the top-level help lists every command, its options, environment and exit codes', async () => {
    const { code, out } = await ecosystem(['--help']);
    expect(code).toBe(0);
    for (const name of Object.keys(COMMANDS)) expect(out).toMatch(new RegExp(`^ {2}${name} `, 'm'));
    expect(out).toMatch(/^Environment:$/m);
    expect(out).toMatch(/^Exit codes: 0 /m);
  });
});

describe('lint', () => {
  it('says why --max-warnings failed, as eslint does', async () => {
    expect(await ecosystem(['lint', '--no-path-check', '--max-warnings', '0'])).toMatchObject({ code: 1, err: 'ecosystem lint: too many warnings (1, maximum: 0)\n' });
    expect(await ecosystem(['lint', '--no-path-check', '--max-warnings', '1'])).toMatchObject({ code: 0, err: '' });
  });

  it('in a cousin without ecosystem.json, checks its subscriptions.json', async () => {
    const cousin = await mkdtemp(join(tmpdir(), 'ecosystem-cousin-'));
    try {
      await writeFile(join(cousin, 'subscriptions.json'), JSON.stringify({ upstream: 'acme/monorepo', subscriptions: { 'features/a': 'features/a' } }));
      const { out } = await ecosystem(['lint', '--no-path-check'], { cwd: cousin });
      expect(out).not.toContain('ecosystem.json');
      expect(out).toMatch(/in 1 file/);
      expect((await ecosystem(['lint', '--no-path-check'], { cwd: cousin })).code).toBe(0);
    } finally {
      await rm(cousin, { recursive: true, force: true });
    }
  });

  it('honours FORCE_COLOR and NO_COLOR (NO_COLOR wins)', async () => {
    expect((await ecosystem(['lint', 'broken.json', '--no-path-check'])).out).not.toMatch(ANSI);
    expect((await ecosystem(['lint', 'broken.json', '--no-path-check'], { env: { FORCE_COLOR: '1' } })).out).toMatch(ANSI);
    expect((await ecosystem(['lint', 'broken.json', '--no-path-check'], { env: { FORCE_COLOR: '0' } })).out).not.toMatch(ANSI);
    expect((await ecosystem(['lint', 'broken.json', '--no-path-check'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).out).not.toMatch(ANSI);
  });
});

describe('one wording for a file that cannot be read', () => {
  it('lint and plan both say "no such file"', async () => {
    expect(await ecosystem(['lint', 'missing.json'])).toMatchObject({ code: 2, err: 'ecosystem lint: cannot read missing.json: no such file\n' });
    const plan = await ecosystem(['plan', '--config', 'missing.json', '--files-from', '-']);
    expect(plan).toMatchObject({ code: 2, err: expect.stringMatching(/^ecosystem plan: cannot read \S*missing\.json: no such file\n$/) });
  });

  it('lint --workflows says it for a workflow it cannot read, with no error code', async () => {
    const workflows = join(dir, 'unreadable', '.github', 'workflows');
    await mkdir(join(workflows, 'ci.yml'), { recursive: true });
    const result = await ecosystem(['lint', '--workflows', join(dir, 'unreadable')]);
    expect(result).toMatchObject({ code: 2, out: '', err: `ecosystem lint: cannot read ${join(workflows, 'ci.yml')}: is a directory\n` });
  });
});
