/**
 * The release steps that are more than one command, used by `.github/workflows/release.yml`
 * and `npm run version-packages`. Run with tsx:
 *
 *   tsx scripts/release.ts stamp              the packages' version into the workflows (ECOSYSTEM_VERSION, @v refs) and README,
 *                                             then the sha512 integrity of the CLI tarball (ECOSYSTEM_INTEGRITY), from a build
 *   tsx scripts/release.ts status [--offline] pending=, version=, unpublished= lines for $GITHUB_OUTPUT
 *   tsx scripts/release.ts verify             packs the built CLI; exit 1 unless it is the tarball the workflows pin
 *   tsx scripts/release.ts publish            npm publish --provenance of each package not on npm yet (the CLI: the verified tarball)
 *
 * `--root DIR` points at another checkout (the tests use a copy); `--tarball FILE` makes
 * stamp take the CLI tarball's integrity from FILE instead of building and packing.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';

const run = promisify(execFile);

interface PublicPackage {
  dir: string;
  name: string;
  version: string;
  /** Names of everything it depends on at run time. */
  dependencies: string[];
}

/** The version every public package shares (the changesets `fixed` group). */
async function publicPackages(root: string): Promise<PublicPackage[]> {
  const dirs = (await readdir(join(root, 'packages'), { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  const manifests = await Promise.all(
    dirs.map(async (dir) => ({ dir: `packages/${dir}`, manifest: JSON.parse(await readFile(join(root, 'packages', dir, 'package.json'), 'utf8')) })),
  );
  return manifests
    .filter(({ manifest }) => !manifest.private)
    .map(({ dir, manifest }) => ({ dir, name: manifest.name, version: manifest.version, dependencies: Object.keys(manifest.dependencies ?? {}) }));
}

async function sharedVersion(root: string): Promise<string> {
  const packages = await publicPackages(root);
  const versions = new Set(packages.map((p) => p.version));
  if (versions.size !== 1) {
    throw new Error(`public packages must share one version (changesets "fixed" group), found ${packages.map((p) => `${p.name}@${p.version}`).join(', ')}`);
  }
  return [...versions][0]!;
}

/** Workflow files that install the tool by version: the repository's and the example cousins'. */
async function workflowFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== '.git') await walk(path);
      else if (entry.isFile() && /\.ya?ml$/.test(entry.name) && path.includes(`${join('.github', 'workflows')}`)) found.push(path);
    }
  };
  await walk(join(root, '.github'));
  await walk(join(root, 'examples'));
  return found.sort();
}

// Only these spots are rewritten, so the files keep their comments and layout: the
// ECOSYSTEM_VERSION env line, `.../workflows/<file>@v<version>` refs and the
// `@<commit-sha> # v<version>` comments of the usage examples.
const VERSION_LINE = /^(\s*ECOSYSTEM_VERSION:\s*)(["']?)[^\s"'#]+\2(\s*(?:#.*)?)$/gm;
const SEMVER = String.raw`\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?`;
const WORKFLOW_REF = new RegExp(String.raw`(\.github/workflows/[\w.-]+\.ya?ml@)v${SEMVER}`, 'g');
const PINNED_COMMENT = new RegExp(String.raw`(\.github/workflows/[\w.-]+\.ya?ml@\S+ # )v${SEMVER}`, 'g');

function stampText(text: string, version: string): string {
  return text
    .replace(VERSION_LINE, (_line, head: string, quote: string, tail: string) => `${head}${quote}${version}${quote}${tail}`)
    .replace(WORKFLOW_REF, `$1v${version}`)
    .replace(PINNED_COMMENT, `$1v${version}`);
}

const CLI = 'packages/cli';
const INTEGRITY_LINE = /^(\s*ECOSYSTEM_INTEGRITY:\s*)(["']?)[^\s"'#]+\2(\s*(?:#.*)?)$/gm;
const INTEGRITY_VALUE = /^\s*ECOSYSTEM_INTEGRITY:\s*["']?([^\s"'#]+)/m;

/** The Subresource Integrity string npm records for a tarball (`dist.integrity`). */
async function fileIntegrity(file: string): Promise<string> {
  return `sha512-${createHash('sha512').update(await readFile(file)).digest('base64')}`;
}

/** `npm pack` of the CLI as built now, into a temp folder; the caller removes it. */
async function packCli(root: string): Promise<{ file: string; integrity: string; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'ecosystem-release-pack-'));
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir, '--workspace', CLI], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
  const [packed] = JSON.parse(stdout) as { filename: string }[];
  const file = join(dir, packed!.filename);
  return { file, integrity: await fileIntegrity(file), dir };
}

/** The integrity each reusable workflow pins, by file; only files with the line. */
async function stampedIntegrities(root: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const file of await workflowFiles(root)) {
    const match = INTEGRITY_VALUE.exec(await readFile(file, 'utf8'));
    if (match) found.set(relative(root, file), match[1]!);
  }
  if (found.size === 0) throw new Error('no workflow under .github/workflows has an ECOSYSTEM_INTEGRITY line to stamp or check');
  return found;
}

async function stampIntegrity(root: string, integrity: string): Promise<void> {
  for (const path of (await stampedIntegrities(root)).keys()) {
    const file = join(root, path);
    const text = await readFile(file, 'utf8');
    const stamped = text.replace(INTEGRITY_LINE, (_line, head: string, quote: string, tail: string) => `${head}${quote}${integrity}${quote}${tail}`);
    if (stamped !== text) {
      await writeFile(file, stamped);
      console.log(`${path}: ${integrity}`);
    }
  }
}

/** The integrity a release build of the CLI gets: built with turbo (cached when unchanged), then packed. */
async function releaseBuildIntegrity(root: string): Promise<string> {
  await run('npx', ['turbo', 'run', 'build', '--filter=@ecosystem-dispatcher/cli...', '--output-logs=errors-only'], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
  const packed = await packCli(root);
  await rm(packed.dir, { recursive: true, force: true });
  return packed.integrity;
}

/** Packs the built CLI and checks it is the tarball the workflows pin; returns it for publishing. */
async function verifiedCli(root: string): Promise<{ file: string; dir: string }> {
  const packed = await packCli(root);
  for (const [path, pinned] of await stampedIntegrities(root)) {
    if (pinned !== packed.integrity) {
      await rm(packed.dir, { recursive: true, force: true });
      throw new Error(`${path} pins ECOSYSTEM_INTEGRITY ${pinned} but this build packs ${packed.integrity}; run npm run version-packages again (the workflows must pin exactly what npm gets)`);
    }
  }
  return packed;
}

async function verify(root: string): Promise<void> {
  const packed = await verifiedCli(root);
  await rm(packed.dir, { recursive: true, force: true });
  console.log(`${CLI}: the tarball is the one every workflow pins`);
}

async function stamp(root: string, tarball: string | undefined): Promise<void> {
  await stampVersion(root);
  await stampIntegrity(root, tarball ? await fileIntegrity(tarball) : await releaseBuildIntegrity(root));
}

async function stampVersion(root: string): Promise<void> {
  const version = await sharedVersion(root);
  const readme = join(root, 'README.md');
  for (const file of [...(await workflowFiles(root)), readme]) {
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const stamped = stampText(text, version);
    if (stamped !== text) {
      await writeFile(file, stamped);
      console.log(`${relative(root, file)}: v${version}`);
    }
  }
}

async function pendingChangesets(root: string): Promise<number> {
  const files = await readdir(join(root, '.changeset'));
  return files.filter((file) => file.endsWith('.md') && file !== 'README.md').length;
}

/** True when npm already has this exact version; any answer but "not found" is an error. */
async function isPublished(pkg: PublicPackage, root: string): Promise<boolean> {
  try {
    await run('npm', ['view', `${pkg.name}@${pkg.version}`, 'version', '--json'], { cwd: root });
    return true;
  } catch (error) {
    const output = `${(error as { stdout?: string }).stdout ?? ''}${(error as { stderr?: string }).stderr ?? ''}`;
    if (/E404|404 Not Found|is not in this registry/.test(output)) return false;
    throw new Error(`npm view ${pkg.name}@${pkg.version} failed: ${output.trim() || (error as Error).message}`);
  }
}

async function unpublished(root: string): Promise<PublicPackage[]> {
  const packages = await publicPackages(root);
  const published = await Promise.all(packages.map((pkg) => isPublished(pkg, root)));
  return packages.filter((_, i) => !published[i]);
}

async function status(root: string, offline: boolean): Promise<void> {
  const version = await sharedVersion(root);
  const pending = await pendingChangesets(root);
  const missing = offline ? [] : await unpublished(root);
  console.log(`pending=${pending}`);
  console.log(`version=${version}`);
  console.log(`unpublished=${missing.map((p) => p.dir).join(' ')}`);
}

/** Dependencies first, so a package never reaches npm before what it needs. */
function dependenciesFirst(packages: PublicPackage[]): PublicPackage[] {
  const byName = new Map(packages.map((p) => [p.name, p]));
  const ordered: PublicPackage[] = [];
  const seen = new Set<PublicPackage>();
  const visit = (pkg: PublicPackage) => {
    if (seen.has(pkg)) return;
    seen.add(pkg);
    for (const name of pkg.dependencies) {
      const dependency = byName.get(name);
      if (dependency) visit(dependency);
    }
    ordered.push(pkg);
  };
  packages.forEach(visit);
  return ordered;
}

async function publish(root: string): Promise<void> {
  await sharedVersion(root);
  const missing = await unpublished(root);
  for (const pkg of dependenciesFirst(missing)) {
    console.log(`publishing ${pkg.name}@${pkg.version}`);
    // The CLI goes up as the very tarball whose integrity the workflows pin.
    const cli = pkg.dir === CLI ? await verifiedCli(root) : undefined;
    await run('npm', ['publish', ...(cli ? [cli.file] : ['--workspace', pkg.dir]), '--provenance', '--access', 'public'], { cwd: root }).then(({ stdout, stderr }) => {
      process.stdout.write(stdout);
      process.stderr.write(stderr);
    });
    if (cli) await rm(cli.dir, { recursive: true, force: true });
  }
  if (missing.length === 0) console.log('every package is already on npm');
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ options: { root: { type: 'string' }, offline: { type: 'boolean', default: false }, tarball: { type: 'string' } }, allowPositionals: true });
  const root = values.root ?? fileURLToPath(new URL('..', import.meta.url));
  const [command] = positionals;
  if (command === 'stamp') return stamp(root, values.tarball);
  if (command === 'status') return status(root, values.offline);
  if (command === 'verify') return verify(root);
  if (command === 'publish') return publish(root);
  throw new Error(`usage: tsx scripts/release.ts stamp|status|verify|publish [--root DIR] [--offline] [--tarball FILE]`);
}

main().catch((error: unknown) => {
  console.error(`release: ${(error as Error).message}`);
  process.exitCode = 1;
});
