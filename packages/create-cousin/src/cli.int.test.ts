import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Git } from '@ecosystem-dispatcher/core';
import { describe, expect, it } from 'vitest';
import { SECTION_END } from './readme-section.js';
import { REPO_ROOT, runBuiltCli, tempDir } from './test-support/cli.js';

const WORKFLOW = '.github/workflows/sync-upstream.yml';
const FILES = [WORKFLOW, 'subscriptions.json', 'README.md'];
const ANSWERS = ['--upstream', 'acme/monorepo', '--subscribe', 'features/webpush/flask:.', '--repo', 'acme/flask-push-app'];
const LONG_AGO = new Date('2020-01-01T00:00:00Z');

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
}

async function ageFiles(dir: string, files: string[]): Promise<void> {
  for (const file of files) await utimes(path.join(dir, file), LONG_AGO, LONG_AGO);
}

async function mtimes(dir: string, files: string[]): Promise<number[]> {
  return Promise.all(files.map(async (file) => (await stat(path.join(dir, file))).mtimeMs));
}

describe('a first run writes the workflow, subscriptions.json and a README section', () => {
  it('creates the three files in the target folder and prints next steps', async () => {
    const cwd = await tempDir();
    const result = await runBuiltCli(['cousin', ...ANSWERS], cwd);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const dir = path.join(cwd, 'cousin');
    expect(await listFiles(dir)).toEqual(['.github/workflows/sync-upstream.yml', 'README.md', 'subscriptions.json']);
    expect(JSON.parse(await readFile(path.join(dir, 'subscriptions.json'), 'utf8')).subscriptions).toEqual({ 'features/webpush/flask': '.' });
    expect(result.stdout).toContain('created .github/workflows/sync-upstream.yml');
    expect(result.stdout).toContain('gh secret set ECOSYSTEM_TOKEN --repo acme/flask-push-app');
    expect(result.stdout).toContain('gh api repos/acme/flask-push-app/dispatches -f event_type=feature-update');
    expect(result.stdout).toContain('"repo": "acme/flask-push-app"');
  });

  it('takes the cousin name from the git remote "origin" when --repo is not given', async () => {
    const dir = await tempDir();
    const git = new Git(dir, { GIT_CONFIG_NOSYSTEM: '1', HOME: dir });
    await git.run(['init', '-q']);
    await git.run(['remote', 'add', 'origin', 'git@github.com:acme/react-push-app.git']);
    const result = await runBuiltCli(['--upstream', 'acme/monorepo', '--subscribe', 'features/webpush/react'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('repos/acme/react-push-app/dispatches');
  });

  it('with --yes, takes the upstream from a local monorepo checkout\'s origin and checks the features there', async () => {
    const monorepo = await tempDir('create-cousin-monorepo-');
    await mkdir(path.join(monorepo, 'features/pwa/vanilla'), { recursive: true });
    await writeFile(path.join(monorepo, 'features/pwa/vanilla/index.html'), '<!doctype html>\n');
    const git = new Git(monorepo, { GIT_CONFIG_NOSYSTEM: '1', HOME: monorepo });
    await git.run(['init', '-q']);
    await git.run(['remote', 'add', 'origin', 'https://github.com/acme/mono.git']);
    const dir = await tempDir();
    const result = await runBuiltCli(['--yes', '--monorepo', monorepo, '--subscribe', 'features/pwa/vanilla:web', '--repo', 'acme/pwa'], dir);
    expect(result.stderr).toBe('');
    expect(JSON.parse(await readFile(path.join(dir, 'subscriptions.json'), 'utf8')).upstream).toBe('acme/mono');
    const missing = await runBuiltCli(['--yes', '--monorepo', monorepo, '--subscribe', 'features/pwa/react', '--repo', 'acme/pwa'], await tempDir());
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--subscribe features\/pwa\/react: no such folder in the monorepo/);
  });

  it('with --monorepo, warns up front when a feature carries workflow files, naming the permission, and still writes', async () => {
    const monorepo = await tempDir('create-cousin-monorepo-');
    await mkdir(path.join(monorepo, 'features/ci/.github/workflows'), { recursive: true });
    await writeFile(path.join(monorepo, 'features/ci/.github/workflows/test.yml'), 'on: push\n');
    await writeFile(path.join(monorepo, 'features/ci/run.sh'), 'true\n');
    const git = new Git(monorepo, { GIT_CONFIG_NOSYSTEM: '1', HOME: monorepo });
    await git.run(['init', '-q']);
    await git.run(['add', '-A']);
    const dir = await tempDir();
    const result = await runBuiltCli(['--monorepo', monorepo, '--upstream', 'acme/mono', '--subscribe', 'features/ci:.', '--repo', 'acme/ci'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^create-cousin: warning: "features\/ci", synced into ".", carries workflow files \(\.github\/workflows\/test\.yml\).*"Workflows: Read and write".*\(subscriptions\/workflow-files\)\n$/);
    expect(existsSync(path.join(dir, 'subscriptions.json'))).toBe(true);
  });

  it('appends its section to an existing README and keeps every byte of it', async () => {
    const dir = await tempDir();
    const own = '# My app\n\nSome words of my own.\n';
    await writeFile(path.join(dir, 'README.md'), own);
    expect((await runBuiltCli(ANSWERS, dir)).code).toBe(0);
    const readme = await readFile(path.join(dir, 'README.md'), 'utf8');
    expect(readme.startsWith(`${own}\n<!-- create-cousin:start`)).toBe(true);
    expect(readme.endsWith(`${SECTION_END}\n`)).toBe(true);
  });
});

describe('re-runs are safe', () => {
  it('touches no file when the answers are unchanged', async () => {
    const dir = await tempDir();
    expect((await runBuiltCli(ANSWERS, dir)).code).toBe(0);
    await ageFiles(dir, FILES);
    const before = await mtimes(dir, FILES);
    const again = await runBuiltCli(ANSWERS, dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('unchanged subscriptions.json');
    expect(await mtimes(dir, FILES)).toEqual(before);
  });

  it('never overwrites an edited file without --force: it prints the diff, exits 1 and writes nothing', async () => {
    const dir = await tempDir();
    await runBuiltCli(ANSWERS, dir);
    const workflowFile = path.join(dir, WORKFLOW);
    const edited = (await readFile(workflowFile, 'utf8')).replace('name: Sync from upstream', 'name: My own name');
    await writeFile(workflowFile, edited);
    await ageFiles(dir, FILES);
    // Other answers too: subscriptions.json would change, but nothing may be written.
    const result = await runBuiltCli([...ANSWERS, '--labels', 'deps'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`--- a/${WORKFLOW}\n+++ b/${WORKFLOW}\n`);
    expect(result.stdout).toContain('-name: My own name\n+name: Sync from upstream\n');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('--force');
    expect(await readFile(workflowFile, 'utf8')).toBe(edited);
    expect(await mtimes(dir, FILES)).toEqual(Array(3).fill(LONG_AGO.getTime()));
  });

  it('replaces edited files with --force', async () => {
    const dir = await tempDir();
    await runBuiltCli(ANSWERS, dir);
    await writeFile(path.join(dir, 'subscriptions.json'), '{"subscriptions": []}\n');
    const result = await runBuiltCli([...ANSWERS, '--force'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('replaced subscriptions.json');
    expect(JSON.parse(await readFile(path.join(dir, 'subscriptions.json'), 'utf8')).upstream).toBe('acme/monorepo');
  });

  it('replaces only its own README section, keeping the text around it', async () => {
    const dir = await tempDir();
    await runBuiltCli(ANSWERS, dir);
    const readmeFile = path.join(dir, 'README.md');
    await writeFile(readmeFile, `Intro line\n\n${await readFile(readmeFile, 'utf8')}\nOutro line\n`);
    const result = await runBuiltCli([...ANSWERS.slice(0, 2), '--subscribe', 'features/pwa/vanilla:web', '--repo', 'acme/flask-push-app', '--force'], dir);
    expect(result.code).toBe(0);
    const readme = await readFile(readmeFile, 'utf8');
    expect(readme.startsWith('Intro line\n\n# ')).toBe(true);
    expect(readme.endsWith(`${SECTION_END}\n\nOutro line\n`)).toBe(true);
    expect(readme).toContain('`features/pwa/vanilla`');
    expect(readme).not.toContain('`features/webpush/flask`');
  });
});

describe('--check writes nothing and tells CI whether the files are current', () => {
  it('exits 1 on a folder without the files, and creates none', async () => {
    const dir = await tempDir();
    const result = await runBuiltCli([...ANSWERS, '--check'], dir);
    expect(result.code).toBe(1);
    expect(await listFiles(dir)).toEqual([]);
  });

  it('exits 0 when the files match, 1 with a diff when one was edited', async () => {
    const dir = await tempDir();
    await runBuiltCli(ANSWERS, dir);
    expect((await runBuiltCli([...ANSWERS, '--check'], dir)).code).toBe(0);
    await writeFile(path.join(dir, 'subscriptions.json'), '[]\n');
    const result = await runBuiltCli([...ANSWERS, '--check'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('-[]\n');
    expect(await readFile(path.join(dir, 'subscriptions.json'), 'utf8')).toBe('[]\n');
  });
});

describe('bad input is one line on stderr, exit 2, and nothing written', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['an upstream URL', ['--upstream', 'https://github.com/acme/monorepo', '--subscribe', 'features/a'], /^create-cousin: --upstream .*write "acme\/monorepo"/],
    ['a path leaving the monorepo', ['--upstream', 'acme/monorepo', '--subscribe', '../secrets'], /^create-cousin: --subscribe "..\/secrets".*"\.\."/],
    ['an absolute destination', ['--upstream', 'acme/monorepo', '--subscribe', 'features/a:/etc'], /^create-cousin: --subscribe .*destination "\/etc" is absolute/],
    ['a glob', ['--upstream', 'acme/monorepo', '--subscribe', 'features/*'], /^create-cousin: --subscribe .*is a glob; a dispatch names the concrete folders/],
    ['an unknown method', ['--upstream', 'acme/monorepo', '--subscribe', 'features/a', '--method', 'rebase'], /^create-cousin: --method must be one of patch, copy/],
    ['two features in one folder', ['--upstream', 'acme/monorepo', '--subscribe', 'features/a:app', '--subscribe', 'features/b:app'], /^create-cousin: these answers make subscriptions.json fail ecosystem lint: .*destination\/overlap/],
    ['a missing upstream', ['--subscribe', 'features/a'], /^create-cousin: missing --upstream OWNER\/MONOREPO \(no terminal to ask on\)\n$/],
    ['a missing feature', ['--upstream', 'acme/monorepo'], /^create-cousin: missing --subscribe PATH\[:DEST\]/],
    ['--standalone with a branch ref', ['--upstream', 'acme/monorepo', '--subscribe', 'features/a', '--standalone', '--ref', 'main'], /^create-cousin: --standalone .*release tag/],
    ['the upstream as its own cousin', ['--upstream', 'acme/monorepo', '--subscribe', 'features/a', '--repo', 'ACME/monorepo'], /^create-cousin: --repo .*upstream itself/],
    ['an unknown flag', ['--upstream', 'acme/monorepo', '--subscribe', 'features/a', '--colour'], /^create-cousin: unknown option '--colour'/],
    ['a ref with shell text', ['--upstream', 'acme/monorepo', '--subscribe', 'features/a', '--ref', 'v1;rm -rf ~'], /^create-cousin: --ref /],
    ['a cron of 3 fields', ['--upstream', 'acme/monorepo', '--subscribe', 'features/a', '--schedule', '0 * *'], /^create-cousin: --schedule "0 \* \*" has 3 field\(s\); GitHub's cron has 5 \(minute hour day-of-month month day-of-week\)/],
    ['a cron minute out of range', ['--upstream', 'acme/monorepo', '--subscribe', 'features/a', '--schedule', '75 * * * *'], /^create-cousin: --schedule "75 \* \* \* \*" minute field "75" is outside 0-59$/m],
  ];
  it.each(cases)('%s', async (_name, args, message) => {
    const dir = await tempDir();
    const result = await runBuiltCli(args, dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(await listFiles(dir)).toEqual([]);
  });

  it('refuses a target that is a file', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'taken'), 'x\n');
    const result = await runBuiltCli(['taken', ...ANSWERS], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("create-cousin: taken is a file; give the cousin's folder\n");
  });

  it('names a file it cannot read in the words every command uses, without an error code', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'subscriptions.json'));
    const result = await runBuiltCli(ANSWERS, dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^create-cousin: cannot read \S*subscriptions\.json: is a directory\n$/);
    expect(await listFiles(dir)).toEqual([]);
  });

  it('says the same of a --register file that is missing or is a folder', async () => {
    const dir = await tempDir();
    const monorepo = await tempDir('create-cousin-monorepo-');
    await mkdir(path.join(monorepo, 'features/webpush/flask'), { recursive: true });
    await writeFile(path.join(monorepo, 'features/webpush/flask/app.py'), 'print(1)\n');
    const missing = await runBuiltCli([...ANSWERS, '--register', path.join(monorepo, 'nope.json')], dir);
    expect(missing).toMatchObject({ code: 2, stderr: `create-cousin: cannot read ${path.join(monorepo, 'nope.json')}: no such file (--register names the monorepo's ecosystem.json)\n` });
    await mkdir(path.join(monorepo, 'folder.json'));
    const folder = await runBuiltCli([...ANSWERS, '--register', path.join(monorepo, 'folder.json')], dir);
    expect(folder).toMatchObject({ code: 2, stderr: `create-cousin: cannot read ${path.join(monorepo, 'folder.json')}: is a directory\n` });
    expect(await listFiles(dir)).toEqual([]);
  });

  it('refuses to write through a symbolic link that leads out of the target folder', async () => {
    const dir = await tempDir();
    const outside = await tempDir();
    await symlink(outside, path.join(dir, '.github'));
    const result = await runBuiltCli(ANSWERS, dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/refusing to write .*\.github is a symbolic link/);
    expect(await listFiles(outside)).toEqual([]);
    expect(existsSync(path.join(dir, 'subscriptions.json'))).toBe(false);
  });
});

describe('--register adds or updates the cousin in the monorepo\'s ecosystem.json', () => {
  async function monorepoCopy(): Promise<{ root: string; file: string; original: string }> {
    const root = await tempDir('create-cousin-monorepo-');
    await cp(path.join(REPO_ROOT, 'examples/monorepo'), root, { recursive: true });
    const file = path.join(root, 'ecosystem.json');
    return { root, file, original: await readFile(file, 'utf8') };
  }

  it('appends a new cousin after the last one, every other byte unchanged, and lints the result', async () => {
    const { file, original } = await monorepoCopy();
    const dir = await tempDir();
    const args = ['--upstream', 'acme/monorepo', '--subscribe', 'features/pwa/vanilla:public', '--repo', 'acme/new-cousin', '--register', file];
    const result = await runBuiltCli(args, dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`added acme/new-cousin in ${file}`);
    expect(result.stdout).not.toContain('Add this cousin to');
    const updated = await readFile(file, 'utf8');
    const lastEntryEnd = original.lastIndexOf('}', original.lastIndexOf(']'));
    expect(updated.slice(0, lastEntryEnd + 1)).toBe(original.slice(0, lastEntryEnd + 1));
    expect(updated.slice(updated.length - (original.length - lastEntryEnd - 1))).toBe(original.slice(lastEntryEnd + 1));
    const inserted = updated.slice(lastEntryEnd + 1, updated.length - (original.length - lastEntryEnd - 1));
    expect(inserted).toBe(',\n    {\n      "repo": "acme/new-cousin",\n      "subscriptions": ["features/pwa/vanilla"]\n    }');

    await utimes(file, LONG_AGO, LONG_AGO);
    const again = await runBuiltCli(args, dir);
    expect(again.stdout).toContain('already registered in');
    expect((await stat(file)).mtimeMs).toBe(LONG_AGO.getTime());
  });

  it('updates an existing cousin\'s subscriptions in place and keeps its exclusions', async () => {
    const { file, original } = await monorepoCopy();
    const dir = await tempDir();
    const args = ['--upstream', 'acme/monorepo', '--subscribe', 'features/webpush/flask:.', '--subscribe', 'features/pwa/vanilla:static', '--repo', 'acme/flask-push-app', '--register', file];
    const result = await runBuiltCli(args, dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('updated acme/flask-push-app in');
    const before = '"subscriptions": ["features/webpush/flask", "!features/webpush/flask/docs/**"]';
    const after = '"subscriptions": ["features/webpush/flask", "features/pwa/vanilla", "!features/webpush/flask/docs/**"]';
    expect(original).toContain(before);
    expect(await readFile(file, 'utf8')).toBe(original.replace(before, after));
  });

  it('keeps a glob subscription as written: the cousin lists the concrete folders, the monorepo keeps its glob', async () => {
    const { file, original } = await monorepoCopy();
    expect(original).toContain('"features/*/flask/**"');
    const dir = await tempDir();
    const args = ['--upstream', 'acme/monorepo', '--subscribe', 'features/webpush/flask:app/push', '--subscribe', 'features/cms/supabase/flask-implementation:app/cms', '--repo', 'acme/flask-suite', '--register', file];
    const result = await runBuiltCli(args, dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('already registered in');
    expect(await readFile(file, 'utf8')).toBe(original);
    expect(JSON.parse(await readFile(path.join(dir, 'subscriptions.json'), 'utf8')).subscriptions).toEqual({ 'features/webpush/flask': 'app/push', 'features/cms/supabase/flask-implementation': 'app/cms' });

    const wider = await runBuiltCli([...args, '--subscribe', 'features/pwa/vanilla:static', '--force'], dir);
    expect(wider.code).toBe(0);
    const before = '"subscriptions": ["features/*/flask/**", "features/cms/supabase/flask-implementation"]';
    expect(original).toContain(before);
    expect(await readFile(file, 'utf8')).toBe(original.replace(before, '"subscriptions": ["features/*/flask/**", "features/cms/supabase/flask-implementation", "features/pwa/vanilla"]'));
  });

  it('needs the cousin\'s own name', async () => {
    const { file, original } = await monorepoCopy();
    const dir = await tempDir();
    const result = await runBuiltCli(['--upstream', 'acme/monorepo', '--subscribe', 'features/pwa/vanilla', '--register', file], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^create-cousin: --register needs --repo OWNER\/NAME/);
    expect(await readFile(file, 'utf8')).toBe(original);
    expect(await listFiles(dir)).toEqual([]);
  });

  it('checks the subscribed folders against the monorepo next to it', async () => {
    const { file } = await monorepoCopy();
    const dir = await tempDir();
    const result = await runBuiltCli(['--upstream', 'acme/monorepo', '--subscribe', 'features/webpush/vue', '--repo', 'acme/vue-app', '--register', file], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--subscribe features\/webpush\/vue: no such folder in the monorepo/);
  });

  it('writes neither file when the ecosystem.json is invalid', async () => {
    const { file } = await monorepoCopy();
    await writeFile(file, '{ "cousins": [ { "repo": "acme" } ] }\n');
    const dir = await tempDir();
    await mkdir(path.join(dir, 'sub'));
    const result = await runBuiltCli(['--upstream', 'acme/monorepo', '--subscribe', 'features/pwa/vanilla', '--repo', 'acme/x', '--register', file], dir);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(await listFiles(dir)).toEqual([]);
  });
});

describe('the event type the generated workflow listens to', () => {
  const monorepoWith = async (ecosystem: unknown) => {
    const monorepo = await tempDir('create-cousin-monorepo-');
    await mkdir(path.join(monorepo, 'features/pwa/vanilla'), { recursive: true });
    await writeFile(path.join(monorepo, 'features/pwa/vanilla/index.html'), '<!doctype html>\n');
    await writeFile(path.join(monorepo, 'ecosystem.json'), `${JSON.stringify(ecosystem, null, 2)}\n`);
    return monorepo;
  };
  const typesLine = async (dir: string) => /repository_dispatch:\n\s+types: \[(.*)\]/.exec(await readFile(path.join(dir, WORKFLOW), 'utf8'))?.[1];

  it('is --event-type, also in the manual dispatch command', async () => {
    const dir = await tempDir();
    const result = await runBuiltCli([...ANSWERS, '--event-type', 'mono-sync'], dir);
    expect(result.code).toBe(0);
    expect(await typesLine(dir)).toBe('mono-sync');
    expect(result.stdout).toContain('-f event_type=mono-sync');
  });

  it('is quoted in YAML when a plain scalar would read differently', async () => {
    const dir = await tempDir();
    expect((await runBuiltCli([...ANSWERS, '--event-type', 'on'], dir)).code).toBe(0);
    expect(await typesLine(dir)).toBe('"on"');
  });

  it("is read from --monorepo's ecosystem.json: the cousin's entry, else defaults.eventType", async () => {
    const monorepo = await monorepoWith({ defaults: { eventType: 'mono-sync' }, cousins: [{ repo: 'acme/special', subscriptions: ['features/pwa/vanilla'], eventType: 'special-sync' }] });
    const plain = await tempDir();
    expect((await runBuiltCli(['--upstream', 'acme/monorepo', '--subscribe', 'features/pwa/vanilla', '--repo', 'acme/pwa', '--monorepo', monorepo], plain)).code).toBe(0);
    expect(await typesLine(plain)).toBe('mono-sync');
    const special = await tempDir();
    expect((await runBuiltCli(['--upstream', 'acme/monorepo', '--subscribe', 'features/pwa/vanilla', '--repo', 'acme/special', '--monorepo', monorepo], special)).code).toBe(0);
    expect(await typesLine(special)).toBe('special-sync');
  });

  it('with --register and a type other than the default, is written into the entry; lint and the dispatcher then agree', async () => {
    const monorepo = await monorepoWith({ defaults: { eventType: 'mono-sync' }, cousins: [] });
    const dir = await tempDir();
    const file = path.join(monorepo, 'ecosystem.json');
    const result = await runBuiltCli(['--upstream', 'acme/monorepo', '--subscribe', 'features/pwa/vanilla', '--repo', 'acme/pwa', '--register', file, '--event-type', 'pwa-sync'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(await readFile(file, 'utf8')).cousins).toEqual([{ repo: 'acme/pwa', subscriptions: ['features/pwa/vanilla'], eventType: 'pwa-sync' }]);
    expect(await typesLine(dir)).toBe('pwa-sync');
  });

  it('is refused beyond GitHub\'s 100 characters', async () => {
    const result = await runBuiltCli([...ANSWERS, '--event-type', 'x'.repeat(101)], await tempDir());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^create-cousin: --event-type "x+" has 101 characters; GitHub accepts 1 to 100\n$/);
  });
});

describe('feature paths', () => {
  it('take names with brackets and parentheses as written (Next.js, SvelteKit, Astro)', async () => {
    const dir = await tempDir();
    const result = await runBuiltCli(['--upstream', 'acme/monorepo', '--subscribe', 'app/(marketing)/[slug]:web', '--repo', 'acme/site'], dir);
    expect(result.stderr).toBe('');
    expect(JSON.parse(await readFile(path.join(dir, 'subscriptions.json'), 'utf8')).subscriptions).toEqual({ 'app/(marketing)/[slug]': 'web' });
  });

  it('refuse a glob, naming what a dispatch sends instead', async () => {
    const result = await runBuiltCli(['--upstream', 'acme/monorepo', '--subscribe', 'features/*/flask/**', '--repo', 'acme/site'], await tempDir());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is a glob; a dispatch names the concrete folders a glob selects');
  });
});

describe('a bare re-run or --check reads the answers back from the files it wrote', () => {
  const ALL = ['--upstream', 'acme/monorepo', '--subscribe', 'features/webpush/flask:app/push', '--subscribe', 'features/pwa/vanilla', '--method', 'squash', '--labels', 'deps,web', '--repo', 'acme/app', '--event-type', 'mono-sync', '--ref', 'v9.9.9'];

  it('exits 0 when every file is current, and a bare re-run touches nothing', async () => {
    const dir = await tempDir();
    expect((await runBuiltCli(ALL, dir)).code).toBe(0);
    await ageFiles(dir, FILES);
    const before = await mtimes(dir, FILES);
    expect(await runBuiltCli(['--check'], dir)).toMatchObject({ code: 0, stdout: 'create-cousin: up to date\n', stderr: '' });
    const rerun = await runBuiltCli([], dir);
    expect(rerun.stderr).toBe('');
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain('unchanged .github/workflows/sync-upstream.yml');
    expect(await mtimes(dir, FILES)).toEqual(before);
  });

  it('reads the schedule back, so a bare --check keeps it', async () => {
    const dir = await tempDir();
    expect((await runBuiltCli([...ANSWERS, '--schedule', '17 * * * *'], dir)).code).toBe(0);
    expect(await readFile(path.join(dir, WORKFLOW), 'utf8')).toContain("- cron: '17 * * * *'");
    expect(await runBuiltCli(['--check'], dir)).toMatchObject({ code: 0, stdout: 'create-cousin: up to date\n' });
  });

  it('reads a standalone workflow back too', async () => {
    const dir = await tempDir();
    expect((await runBuiltCli([...ANSWERS, '--standalone', '--ref', 'v1.2.3'], dir)).code).toBe(0);
    expect(await runBuiltCli(['--check'], dir)).toMatchObject({ code: 0, stdout: 'create-cousin: up to date\n' });
  });

  it('when a file was edited by hand, --check exits 1 and its hint names --force, which restores it', async () => {
    const dir = await tempDir();
    expect((await runBuiltCli(ALL, dir)).code).toBe(0);
    const workflow = path.join(dir, WORKFLOW);
    await writeFile(workflow, (await readFile(workflow, 'utf8')).replace('cancel-in-progress: false', 'cancel-in-progress: true'));
    const check = await runBuiltCli(['--check'], dir);
    expect(check.code).toBe(1);
    expect(check.stderr).toBe('create-cousin: 1 file differ from what the answers produce (diff above); run "create-cousin --force" (the same answers, without --check) to update\n');
    expect(check.stdout).toContain('+      cancel-in-progress: false');
    expect((await runBuiltCli(['--force'], dir)).code).toBe(0);
    expect(await runBuiltCli(['--check'], dir)).toMatchObject({ code: 0, stdout: 'create-cousin: up to date\n' });
  });

  it('flags given now win over the recorded answers', async () => {
    const dir = await tempDir();
    expect((await runBuiltCli(ALL, dir)).code).toBe(0);
    expect((await runBuiltCli(['--method', 'copy', '--force'], dir)).code).toBe(0);
    const subscriptions = JSON.parse(await readFile(path.join(dir, 'subscriptions.json'), 'utf8'));
    expect(subscriptions).toMatchObject({ method: 'copy', upstream: 'acme/monorepo', pullRequest: { labels: ['deps', 'web'] } });
    expect(await readFile(path.join(dir, WORKFLOW), 'utf8')).toContain('types: [mono-sync]');
  });
});
