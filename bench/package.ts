/**
 * Packaging benchmark (issue 15): what a workflow run pays to get the tool. The CLI
 * tarball as `npm pack` makes it, installed alone into an empty folder from a local npm
 * cache (`--offline`), against the baseline of the same run: the library packages the
 * CLI used to depend on, installed the same way with their third-party dependencies from
 * the cache npm ci filled (what `npm install @ecosystem-dispatcher/cli` pulled before the
 * bundle). Start-up of `ecosystem --version` and `ecosystem sync --help` from the install,
 * against bare `node` and against the CLI as it was published before the bundle (its own
 * modules transpiled one by one, importing the libraries of the baseline install), median
 * of 11 fresh processes.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const RUNS = 11;
const TARGET_INSTALLED_MB = 10;
const TARGET_STARTUP_MS = 150;

interface Packed {
  name: string;
  filename: string;
  size: number;
}

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  return total;
}

/** Packages npm put in node_modules (scoped ones counted one by one), without .bin and the lock. */
function packageCount(nodeModules: string): number {
  let count = 0;
  for (const name of readdirSync(nodeModules)) {
    if (name.startsWith('.')) continue;
    count += name.startsWith('@') ? readdirSync(join(nodeModules, name)).length : 1;
  }
  return count;
}

interface Installed {
  ms: number;
  bytes: number;
  packages: number;
  /** The folder installed into; the caller removes it. */
  app: string;
}

function install(tarballs: string[], cache: string, extra: string[]): Installed {
  const app = mkdtempSync(join(tmpdir(), 'ecosystem-bench-install-'));
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'bench-install', private: true }));
  const started = performance.now();
  npm(['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', '--cache', cache, ...extra, ...tarballs], app);
  const ms = performance.now() - started;
  return { ms, bytes: folderBytes(join(app, 'node_modules')), packages: packageCount(join(app, 'node_modules')), app };
}

function installOnce(tarballs: string[], cache: string, extra: string[]): Installed {
  rmSync(install(tarballs, cache, extra).app, { recursive: true, force: true }); // warm the file system and the cache
  return install(tarballs, cache, extra);
}

/**
 * The CLI as it was published before the bundle (tsc's output): each of its modules
 * transpiled on its own into `app/cli`, importing the libraries installed in `app`.
 */
async function unbundledCli(app: string): Promise<string> {
  const cli = join(ROOT, 'packages', 'cli');
  const src = join(cli, 'src');
  const entryPoints = readdirSync(src, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.parentPath.includes('test-support'))
    .map((entry) => join(entry.parentPath, entry.name));
  await build({ entryPoints, outdir: join(app, 'cli', 'dist'), outbase: src, bundle: false, format: 'esm', platform: 'node', target: 'node20', logLevel: 'error' });
  copyFileSync(join(cli, 'package.json'), join(app, 'cli', 'package.json'));
  return join(app, 'cli', 'dist', 'bin.js');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function startupMs(args: string[]): number {
  return median(
    Array.from({ length: RUNS }, () => {
      const started = performance.now();
      const result = spawnSync(process.execPath, args, { encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
      return performance.now() - started;
    }),
  );
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export async function benchPackage(): Promise<string[]> {
  const scratch = mkdtempSync(join(tmpdir(), 'ecosystem-bench-package-'));
  try {
    const tarballs = join(scratch, 'tarballs');
    mkdirSync(tarballs);
    const workspaces = readdirSync(join(ROOT, 'packages'))
      .filter((dir) => !(JSON.parse(readFileSync(join(ROOT, 'packages', dir, 'package.json'), 'utf8')) as { private?: boolean }).private)
      .flatMap((dir) => ['-w', `packages/${dir}`]);
    const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', tarballs, ...workspaces], ROOT)) as Packed[];
    const cli = packed.find((p) => p.name === '@ecosystem-dispatcher/cli')!;
    const libraries = packed.filter((p) => p !== cli).map((p) => join(tarballs, p.filename));

    // A local cache holding only the CLI tarball: the install must need nothing else.
    const cliCache = join(scratch, 'cli-cache');
    npm(['cache', 'add', '--cache', cliCache, join(tarballs, cli.filename)], scratch);
    const alone = installOnce([join(tarballs, cli.filename)], cliCache, ['--offline']);
    // The baseline's third-party packages come from the cache `npm ci` filled.
    const userCache = npm(['config', 'get', 'cache'], scratch).trim();
    const before = installOnce(libraries, userCache, ['--prefer-offline']);

    const bin = join(alone.app, 'node_modules', '@ecosystem-dispatcher', 'cli', 'dist', 'bin.js');
    const oldBin = await unbundledCli(before.app);
    const bare = startupMs(['-e', '0']);
    const version = startupMs([bin, '--version']);
    const syncHelp = startupMs([bin, 'sync', '--help']);
    const oldVersion = startupMs([oldBin, '--version']);
    const oldSyncHelp = startupMs([oldBin, 'sync', '--help']);
    for (const { app } of [alone, before]) rmSync(app, { recursive: true, force: true });

    return [
      `package: @ecosystem-dispatcher/cli tarball ${mb(cli.size)}; installed alone, offline from a local cache: ${alone.packages} package, ${mb(alone.bytes)}, ${Math.round(alone.ms)} ms`,
      `  baseline, same run: the libraries it used to depend on, from npm's cache: ${before.packages} packages, ${mb(before.bytes)}, ${Math.round(before.ms)} ms (issue 15 measured 69 packages / 50 MB from the registry)`,
      `  start-up, median of ${RUNS}: ecosystem --version ${Math.round(version)} ms, ecosystem sync --help ${Math.round(syncHelp)} ms; bare node ${Math.round(bare)} ms`,
      `  start-up of the unbundled CLI over the baseline install, same run: --version ${Math.round(oldVersion)} ms, sync --help ${Math.round(oldSyncHelp)} ms`,
      `  targets: 1 package (${alone.packages === 1 ? 'met' : 'MISSED'}), <= ${TARGET_INSTALLED_MB} MB installed (${alone.bytes <= TARGET_INSTALLED_MB * 1024 * 1024 ? 'met' : 'MISSED'}), sync --help <= ${TARGET_STARTUP_MS} ms (${syncHelp <= TARGET_STARTUP_MS ? 'met' : `MISSED; ${Math.round(syncHelp - bare)} ms over bare node`})`,
    ];
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
