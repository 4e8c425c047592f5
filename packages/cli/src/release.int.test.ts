/**
 * Integration test of the release versioning on a copy of the repository's manifests and
 * workflows: a changeset for one package bumps every public package to one version
 * (the `fixed` group), and the stamp step makes the reusable workflows install exactly
 * that version, so `cousin-sync.yml@v<version>` runs `@ecosystem-dispatcher/cli@<version>`,
 * next to the sha512 integrity of the CLI tarball `npm pack` makes.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { npmEnv } from './test-support/npm.js';

const run = promisify(execFile);
const ROOT = resolve(fileURLToPath(import.meta.url), '../../../..');
const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);

let copy: string;

async function manifest(dir: string): Promise<{ name: string; version: string; private?: boolean; dependencies?: Record<string, string>; devDependencies?: Record<string, string> }> {
  return JSON.parse(await readFile(join(copy, dir, 'package.json'), 'utf8'));
}

async function workflowFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile() && /\.github\/workflows\/[^/]+\.ya?ml$/.test(path)) out.push(path);
  }
  return out.sort();
}

/** The CLI of this checkout as `npm pack` makes it, with the integrity npm reports for it. */
async function packCli(): Promise<{ file: string; integrity: string }> {
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', copy, '-w', 'packages/cli'], { cwd: ROOT, env: npmEnv(), maxBuffer: 16 * 1024 * 1024 });
  const [packed] = JSON.parse(stdout) as { filename: string; integrity: string }[];
  return { file: join(copy, packed!.filename), integrity: packed!.integrity };
}

async function release(...args: string[]) {
  return run(bin('tsx'), [join(ROOT, 'scripts', 'release.ts'), ...args, '--root', copy], { cwd: copy });
}

beforeEach(async () => {
  copy = await mkdtemp(join(tmpdir(), 'ecosystem-release-'));
  await cp(join(ROOT, 'package.json'), join(copy, 'package.json'));
  await cp(join(ROOT, 'README.md'), join(copy, 'README.md'));
  await cp(join(ROOT, '.changeset', 'config.json'), join(copy, '.changeset', 'config.json'));
  for (const dir of await readdir(join(ROOT, 'packages'))) {
    await cp(join(ROOT, 'packages', dir, 'package.json'), join(copy, 'packages', dir, 'package.json'));
  }
  for (const file of [...(await workflowFiles(join(ROOT, '.github'))), ...(await workflowFiles(join(ROOT, 'examples')))]) {
    await mkdir(dirname(join(copy, relative(ROOT, file))), { recursive: true });
    await cp(file, join(copy, relative(ROOT, file)));
  }
  // changesets resolves its changelog generator from the copy.
  await symlink(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
});

afterEach(async () => {
  await rm(copy, { recursive: true, force: true });
});

describe('versioning a release', () => {
  it('bumps every public package to one version and stamps it into every workflow that installs the tool', async () => {
    const before = await manifest('packages/cli');
    const [major, minor] = before.version.split('.').map(Number);
    const next = `${major}.${minor! + 1}.0`;
    await writeFile(join(copy, '.changeset', 'quiet-fox.md'), '---\n"@ecosystem-dispatcher/core": minor\n---\n\nA change in core only.\n');
    expect((await release('status', '--offline')).stdout).toBe(`pending=1\nversion=${before.version}\nunpublished=\n`);

    await run(bin('changeset'), ['version'], { cwd: copy });
    const cli = await packCli();
    await release('stamp', '--tarball', cli.file);

    const dirs = (await readdir(join(copy, 'packages'))).map((d) => `packages/${d}`);
    const manifests = await Promise.all(dirs.map(manifest));
    const shipped = manifests.filter((m) => !m.private);
    expect(shipped.length).toBeGreaterThanOrEqual(10);
    for (const m of shipped) expect(m.version, m.name).toBe(next);
    // Private workspaces keep their version but follow the new one in their dev dependencies.
    const internalRanges = manifests.flatMap((m) =>
      Object.entries({ ...m.dependencies, ...m.devDependencies }).filter(([name]) => shipped.some((s) => s.name === name)).map(([, range]) => range),
    );
    expect(new Set(internalRanges)).toEqual(new Set([next]));
    for (const m of manifests.filter((m) => m.private)) expect(m.version, m.name).toBe(before.version);

    const workflows = [...(await workflowFiles(join(copy, '.github'))), ...(await workflowFiles(join(copy, 'examples')))];
    const stamped = await Promise.all(workflows.map(async (file) => [...(await readFile(file, 'utf8')).matchAll(/ECOSYSTEM_VERSION:\s*(\S+)/g)].map((m) => m[1])));
    expect(stamped.flat().length).toBeGreaterThanOrEqual(3);
    expect(new Set(stamped.flat())).toEqual(new Set([next]));
    // Workflow refs (`cousin-sync.yml@v1.2.3`) and the `@<commit-sha> # v1.2.3` comments follow too.
    const texts = await Promise.all([...workflows, join(copy, 'README.md')].map((file) => readFile(file, 'utf8')));
    const refs = texts.flatMap((text) => [...text.matchAll(/\.github\/workflows\/[\w.-]+\.ya?ml@(?:v(\d[^\s]*)|\S+ # v(\d\S*))/g)].map((m) => m[1] ?? m[2]));
    expect(refs.length).toBeGreaterThanOrEqual(3);
    expect(new Set(refs)).toEqual(new Set([next]));

    // Next to the version, the sha512 of the CLI tarball: the integrity npm itself reports.
    const integrities = await Promise.all(workflows.map(async (file) => [...(await readFile(file, 'utf8')).matchAll(/ECOSYSTEM_INTEGRITY:\s*(\S+)/g)].map((m) => m[1])));
    expect(integrities.flat()).toHaveLength(3);
    expect(new Set(integrities.flat())).toEqual(new Set([cli.integrity]));
    expect(cli.integrity).toBe(`sha512-${createHash('sha512').update(await readFile(cli.file)).digest('base64')}`);

    expect((await release('status', '--offline')).stdout).toBe(`pending=0\nversion=${next}\nunpublished=\n`);
    expect(await readFile(join(copy, 'packages', 'core', 'CHANGELOG.md'), 'utf8')).toContain('A change in core only.');
  });

  it('refuses to stamp when the public packages disagree on their version', async () => {
    const file = join(copy, 'packages', 'status', 'package.json');
    await writeFile(file, JSON.stringify({ ...(await manifest('packages/status')), version: '9.9.9' }));
    await expect(release('stamp')).rejects.toMatchObject({ stderr: expect.stringContaining('must share one version') });
  });
});
