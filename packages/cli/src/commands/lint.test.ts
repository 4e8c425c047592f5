import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTempRepo, type TempRepo } from '@ecosystem-dispatcher/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../main.js';
import { captureIO } from '../test-support/capture-io.js';
import { expandWorkflowsFlag } from './lint.js';

const EXAMPLES = fileURLToPath(new URL('../../../../examples/', import.meta.url));
const GOOD = JSON.stringify([{ repo: 'acme/flask-app', subscriptions: ['features/webpush/flask'] }], null, 2);
const NESTED = JSON.stringify([{ repo: 'acme/flask-app', subscriptions: ['features/webpush', 'features/webpush/flask'] }], null, 2);
const BROKEN = '[\n  {"repo": "acme/flask-app.git", "subscriptions": ["features/webpush/flask"]}\n]\n';

let repo: TempRepo;
let plain: string;

beforeAll(async () => {
  repo = await createTempRepo({ prefix: 'ecosystem-cli-lint-' });
  await repo.commit({ '.gitignore': '*.secret\n', 'features/webpush/flask/app.py': '1\n', 'ecosystem.json': GOOD, 'nested.json': NESTED, 'broken.json': BROKEN });
  await repo.write({ 'features/webpush/flask/key.secret': 'x\n' });
  plain = await mkdtemp(join(tmpdir(), 'ecosystem-cli-plain-'));
});

afterAll(async () => {
  await repo.remove();
  await rm(plain, { recursive: true, force: true });
});

async function lint(argv: string[], options: { cwd?: string; env?: Record<string, string>; isTTY?: boolean } = {}) {
  const io = captureIO({ cwd: options.cwd ?? repo.dir, env: options.env ?? {}, isTTY: options.isTTY ?? false });
  const code = await runCli(['lint', ...argv], io);
  return { code, out: io.out(), err: io.err() };
}

describe('ecosystem lint', () => {
  it('checks ./ecosystem.json by default and exits 0 when it is clean', async () => {
    expect(await lint([])).toEqual({ code: 0, out: 'No problems in 1 file.\n', err: '' });
  });

  it('exits 1 with positioned findings and a code frame', async () => {
    const { code, out } = await lint(['broken.json']);
    expect(code).toBe(1);
    expect(out).toContain('broken.json:2:12 error repository "acme/flask-app.git" ends with ".git"; write "acme/flask-app" [repo/format]');
    expect(out).toContain('> 2 |   {"repo": "acme/flask-app.git"');
    expect(out).toMatch(/1 problem \(1 error, 0 warnings\) in 1 file\.\n$/);
  });

  it('exits 2 with one line and no stack trace when a file is missing', async () => {
    const { code, out, err } = await lint(['missing.json']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe('ecosystem lint: cannot read missing.json: no such file\n');
  });

  it.each([
    [['--frobnicate'], /unknown option '--frobnicate'/],
    [['--format', 'xml'], /--format must be one of pretty, json, github, sarif/],
    [['--max-warnings', 'many'], /--max-warnings must be a whole number/],
    [['--kind', 'cousins'], /--kind must be one of ecosystem, subscriptions/],
    [['--root', 'no-such-dir'], /--root .*no-such-dir is not a directory/],
  ])('exits 2 on bad usage %j', async (argv, message) => {
    const { code, err } = await lint(argv);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err.trimEnd().split('\n')).toHaveLength(1);
  });

  it('prints its help', async () => {
    const { code, out } = await lint(['--help']);
    expect(code).toBe(0);
    expect(out).toContain('Usage: ecosystem lint [FILE ...]');
  });
});

describe('the path check from the command line', () => {
  it('is on in a git work tree: an ignored file does not count', async () => {
    await writeFile(join(repo.dir, 'ignored.json'), JSON.stringify([{ repo: 'a/b', subscriptions: ['features/webpush/flask/key.secret'] }]));
    const { code, out } = await lint(['ignored.json', '--format', 'json']);
    expect(code).toBe(1);
    expect(JSON.parse(out).problems.map((p: { rule: string }) => p.rule)).toEqual(['path/no-match']);
    expect((await lint(['ignored.json', '--no-path-check'])).code).toBe(0);
  });

  it('uses --root for the monorepo and says when it cannot check', async () => {
    const config = join(plain, 'ecosystem.json');
    await writeFile(config, JSON.stringify([{ repo: 'a/b', subscriptions: ['features/webpush/flask'] }]));
    expect((await lint([config, '--root', repo.dir])).code).toBe(0);
    await writeFile(config, JSON.stringify([{ repo: 'a/b', subscriptions: ['features/nothing'] }]));
    expect((await lint([config, '--root', repo.dir])).code).toBe(1);
    const outside = await lint(['ecosystem.json'], { cwd: plain });
    expect(outside).toMatchObject({ code: 0 });
    expect(outside.out).toContain('Path check skipped');
  });
});

describe('warnings and --max-warnings', () => {
  it('exit 0 with warnings unless there are more than --max-warnings', async () => {
    expect((await lint(['nested.json'])).code).toBe(0);
    expect((await lint(['nested.json', '--max-warnings', '1'])).code).toBe(0);
    expect((await lint(['nested.json', '--max-warnings', '0'])).code).toBe(1);
  });
});

describe('output formats', () => {
  it('json', async () => {
    const { code, out } = await lint(['broken.json', 'ecosystem.json', '--format', 'json']);
    expect(code).toBe(1);
    expect(JSON.parse(out)).toEqual({
      ok: false,
      problems: [{ rule: 'repo/format', severity: 'error', message: expect.any(String), file: 'broken.json', line: 2, column: 12 }],
    });
  });

  it('github', async () => {
    const { out } = await lint(['broken.json', '--format', 'github']);
    expect(out.split('\n')[0]).toMatch(/^::error file=broken\.json,line=2,col=12,endLine=2,endColumn=32,title=repo\/format::repository/);
  });

  it('sarif', async () => {
    const log = JSON.parse((await lint(['broken.json', '--format', 'sarif'])).out);
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].results[0].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'broken.json' },
      region: { startLine: 2, startColumn: 12, endLine: 2, endColumn: 32 },
    });
  });

  it('colours pretty output on a terminal unless NO_COLOR is set', async () => {
    expect((await lint(['broken.json'], { isTTY: true })).out).toContain('\u001b[31m');
    expect((await lint(['broken.json'], { isTTY: true, env: { NO_COLOR: '1' } })).out).not.toContain('\u001b[');
    expect((await lint(['broken.json'], { isTTY: false })).out).not.toContain('\u001b[');
  });
});

describe('--kind', () => {
  it('overrides the detected kind', async () => {
    await writeFile(join(repo.dir, 'list.json'), '["features/webpush/flask"]');
    expect((await lint(['list.json'])).code).toBe(0);
    const { code, out } = await lint(['list.json', '--kind', 'ecosystem', '--format', 'json']);
    expect(code).toBe(1);
    expect(JSON.parse(out).problems[0].rule).toBe('schema/type');
  });
});

describe('--workflows', () => {
  it('takes an optional folder', () => {
    expect(expandWorkflowsFlag(['--workflows'])).toEqual(['--workflows=.github/workflows']);
    expect(expandWorkflowsFlag(['--workflows', 'ci'])).toEqual(['--workflows=ci']);
    expect(expandWorkflowsFlag(['--workflows', 'ecosystem.json'])).toEqual(['--workflows=.github/workflows', 'ecosystem.json']);
    expect(expandWorkflowsFlag(['--workflows', '--format', 'json'])).toEqual(['--workflows=.github/workflows', '--format', 'json']);
  });

  it('checks workflow files with the same reporters, and only them when no FILE is given', async () => {
    const good = await lint(['--workflows', join(EXAMPLES, 'workflows', 'good')], { cwd: EXAMPLES });
    expect(good).toMatchObject({ code: 0, out: 'No problems in 3 files.\n' });
    const bad = await lint(['--workflows', 'workflows/bad', '--format', 'json'], { cwd: EXAMPLES });
    expect(bad.code).toBe(1);
    const problems: Array<{ rule: string; file: string }> = JSON.parse(bad.out).problems;
    expect(problems.map((p) => p.rule)).toContain('workflow/unpinned-action');
    expect(problems.every((p) => p.file.startsWith('workflows/bad/'))).toBe(true);
    const pretty = await lint(['--workflows', 'workflows/bad'], { cwd: EXAMPLES });
    expect(pretty.out).toMatch(/workflows\/bad\/unpinned-action\.yml:\d+:\d+ (error|warning) .*\[workflow\/unpinned-action\]\n.*\n> *\d+ \| .*uses:/);
  });

  it('exits 2 when the folder does not exist', async () => {
    expect((await lint(['--workflows', 'nowhere'])).code).toBe(2);
  });
});
