/**
 * Integration test of what users install: every public package is packed as npm would
 * publish it, the tarballs are installed into an empty folder (no workspace links), and
 * the installed commands run from there. Also runs `npm run release:check`, the publish
 * dry run the release workflow depends on.
 */
import { execFile } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = resolve(fileURLToPath(import.meta.url), '../../../..');
const SLOW = 180_000;

/** The packages the project publishes; a package dropping out of this list is a mistake. */
const SHIPPED = [
  '@ecosystem-dispatcher/core',
  '@ecosystem-dispatcher/validator',
  '@ecosystem-dispatcher/github',
  '@ecosystem-dispatcher/dispatch',
  '@ecosystem-dispatcher/sync',
  '@ecosystem-dispatcher/status',
  '@ecosystem-dispatcher/workflow-check',
  '@ecosystem-dispatcher/github-sim',
  '@ecosystem-dispatcher/cli',
  'create-cousin',
];

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  bin?: Record<string, string>;
  exports?: unknown;
  types?: string;
  files?: string[];
}

interface Packed {
  name: string;
  filename: string;
  files: { path: string }[];
}

interface Workspace {
  dir: string;
  manifest: Manifest;
}

// npm passes its own settings to scripts through npm_config_* variables; the workspace
// ones would make the nested npm act on this repository instead of the temp folder.
function npmEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_(config_(local_prefix|prefix|workspaces?|include_workspace_root)|package_|lifecycle_)/i.test(key)) delete env[key];
  }
  return env;
}

async function npm(args: string[], cwd: string): Promise<{ stdout: string; stderr: string }> {
  return run('npm', args, { cwd, env: npmEnv(), maxBuffer: 32 * 1024 * 1024 });
}

async function publicWorkspaces(): Promise<Workspace[]> {
  const dirs = (await readdir(join(ROOT, 'packages'))).sort();
  const all = await Promise.all(dirs.map(async (dir) => ({ dir: `packages/${dir}`, manifest: JSON.parse(await readFile(join(ROOT, 'packages', dir, 'package.json'), 'utf8')) as Manifest })));
  return all.filter((w) => !w.manifest.private);
}

/** Every path `exports` points at, without the leading `./`. */
function exportTargets(exports: unknown): string[] {
  if (typeof exports === 'string') return [exports.replace(/^\.\//, '')];
  if (exports && typeof exports === 'object') return Object.values(exports).flatMap(exportTargets);
  return [];
}

let scratch: string;
let workspaces: Workspace[];
let packed: Packed[];
let app: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'ecosystem-packaging-'));
  workspaces = await publicWorkspaces();
  const tarballs = join(scratch, 'tarballs');
  await mkdir(tarballs);
  const { stdout } = await npm(['pack', '--json', '--pack-destination', tarballs, ...workspaces.flatMap((w) => ['-w', w.dir])], ROOT);
  packed = JSON.parse(stdout) as Packed[];
  app = join(scratch, 'app');
  await mkdir(app);
  await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'packaging-check', private: true }));
  await npm(['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...packed.map((p) => join(tarballs, p.filename))], app);
}, SLOW);

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('npm pack of every public package', () => {
  it('packs exactly the packages the project ships', () => {
    expect(workspaces.map((w) => w.manifest.name).sort()).toEqual([...SHIPPED].sort());
    expect(packed.map((p) => p.name).sort()).toEqual([...SHIPPED].sort());
  });

  it('holds package.json, README.md, LICENSE and every bin, exports and types target', () => {
    for (const { manifest } of workspaces) {
      const files = new Set(packed.find((p) => p.name === manifest.name)!.files.map((f) => f.path));
      const wanted = ['package.json', 'README.md', 'LICENSE', ...Object.values(manifest.bin ?? {}), ...exportTargets(manifest.exports), ...(manifest.types ? [manifest.types] : [])]
        .map((path) => path.replace(/^\.\//, ''));
      expect(wanted.filter((path) => !files.has(path)), manifest.name).toEqual([]);
    }
  });

  it('holds nothing else: no sources, tests, test support or source maps', () => {
    for (const { manifest } of workspaces) {
      const extraFolders = (manifest.files ?? []).filter((entry) => !entry.startsWith('!') && entry !== 'dist' && !/\.[a-z]+$/i.test(entry));
      const allowed = (path: string) =>
        ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'].includes(path) || path.startsWith('dist/') || extraFolders.some((folder) => path.startsWith(`${folder}/`));
      const forbidden = /(^|\/)src\/|\.test\.|(^|\/)test-support\/|\.map$|\.tsbuildinfo$/;
      const paths = packed.find((p) => p.name === manifest.name)!.files.map((f) => f.path);
      expect(paths.filter((path) => !allowed(path) || forbidden.test(path)), manifest.name).toEqual([]);
    }
  });

  it('ships the repository LICENSE unchanged in every package', async () => {
    const license = await readFile(join(ROOT, 'LICENSE'), 'utf8');
    for (const { dir } of workspaces) expect(await readFile(join(ROOT, dir, 'LICENSE'), 'utf8'), dir).toBe(license);
  });
});

describe('the tarballs installed into an empty folder', () => {
  const bin = (name: string) => join(app, 'node_modules', '.bin', name);

  it('are real folders, not links into the workspace', async () => {
    for (const name of SHIPPED) expect((await lstat(join(app, 'node_modules', name))).isSymbolicLink(), name).toBe(false);
  });

  it('ecosystem --version prints the version of the cli package', async () => {
    const cli = workspaces.find((w) => w.manifest.name === '@ecosystem-dispatcher/cli')!.manifest;
    const { stdout } = await run(bin('ecosystem'), ['--version'], { cwd: app });
    expect(stdout).toBe(`${cli.version}\n`);
  });

  it('ecosystem plan plans the example push', async () => {
    const examples = join(ROOT, 'examples', 'monorepo');
    const { stdout } = await run(bin('ecosystem'), ['plan', '--config', join(examples, 'ecosystem.json'), '--files-from', join(examples, 'sample-push.txt'), '--head', 'f'.repeat(40), '--format', 'json'], { cwd: app });
    const plan = JSON.parse(stdout) as { dispatches: { repo: string; features: string[] }[] };
    expect(plan.dispatches.length).toBeGreaterThan(0);
    expect(plan.dispatches.map((d) => d.repo)).toContain('acme/flask-push-app');
  });

  it('create-cousin --help prints its usage', async () => {
    const { stdout } = await run(bin('create-cousin'), ['--help'], { cwd: app });
    expect(stdout).toMatch(/^Usage: create-cousin /);
  });
});

describe('npm run release:check', () => {
  it('dry-runs npm publish of every public package without npm having to correct a manifest', async () => {
    const { stdout, stderr } = await npm(['run', 'release:check'], ROOT);
    for (const name of SHIPPED) expect(stdout).toContain(`+ ${name}@`);
    expect(stderr).not.toMatch(/auto-corrected|npm error/i);
  }, SLOW);
});
