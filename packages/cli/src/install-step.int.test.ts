/**
 * The "Install ecosystem" step of the reusable workflows, run as GitHub runs it
 * (bash -e -o pipefail) against a local npm registry: it installs the CLI tarball only
 * when its sha512 is the integrity the workflow pins, and otherwise stops with one line
 * before anything of the package runs (issue 15).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { npm, npmEnv } from './test-support/npm.js';

const run = promisify(execFile);
const ROOT = resolve(fileURLToPath(import.meta.url), '../../../..');
const REUSABLE = ['ecosystem-dispatch.yml', 'ecosystem-lint.yml', 'cousin-sync.yml'];
const NAME = '@ecosystem-dispatcher/cli';

interface Step {
  id?: string;
  run?: string;
}
interface Workflow {
  env?: Record<string, string>;
  jobs: Record<string, { steps?: Step[] }>;
}

const integrityOf = (bytes: Buffer) => `sha512-${createHash('sha512').update(bytes).digest('base64')}`;

interface Registry {
  server: Server;
  url: string;
  /** From now on, the registry's version of the package is this tarball, with its true integrity. */
  serve(tarball: Buffer, version: string): void;
}

/** A registry that answers for one package with whatever tarball it is given, consistently. */
async function startRegistry(): Promise<Registry> {
  let served: Buffer = Buffer.alloc(0);
  let version = '';
  const server = createServer((request, response) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (request.url === '/tarball.tgz') {
      response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(served);
    } else if (decodeURIComponent(request.url ?? '').toLowerCase() === `/${NAME}`) {
      const dist = { tarball: `${base}/tarball.tgz`, integrity: integrityOf(served), shasum: createHash('sha1').update(served).digest('hex') };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ name: NAME, 'dist-tags': { latest: version }, versions: { [version]: { name: NAME, version, dist } } }));
    } else {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{}');
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    serve(tarball, servedVersion) {
      served = tarball;
      version = servedVersion;
    },
  };
}

let scratch: string;
let cliVersion: string;
let genuine: Buffer;
let tampered: Buffer;
let registry: Registry;
let workflows: Record<string, Workflow>;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'ecosystem-install-step-'));
  cliVersion = (JSON.parse(await readFile(join(ROOT, 'packages', 'cli', 'package.json'), 'utf8')) as { version: string }).version;
  const { stdout } = await npm(['pack', '--json', '--pack-destination', scratch, '-w', 'packages/cli'], ROOT);
  const packed = join(scratch, (JSON.parse(stdout) as { filename: string }[])[0]!.filename);
  genuine = await readFile(packed);
  // The same package with one byte of code changed, as a compromised registry would serve it.
  const unpacked = join(scratch, 'unpacked');
  await mkdir(unpacked);
  await run('tar', ['-xzf', packed, '-C', unpacked]);
  await writeFile(join(unpacked, 'package', 'dist', 'bin.js'), `${await readFile(join(unpacked, 'package', 'dist', 'bin.js'), 'utf8')}\n`);
  await run('tar', ['-czf', join(scratch, 'tampered.tgz'), '-C', unpacked, 'package']);
  tampered = await readFile(join(scratch, 'tampered.tgz'));
  registry = await startRegistry();
  workflows = Object.fromEntries(await Promise.all(REUSABLE.map(async (name) => [name, parse(await readFile(join(ROOT, '.github', 'workflows', name), 'utf8')) as Workflow])));
}, 120_000);

afterAll(async () => {
  registry?.server.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

function installSteps(workflow: Workflow): Step[] {
  return Object.values(workflow.jobs).flatMap((job) => (job.steps ?? []).filter((step) => step.id === 'install-ecosystem'));
}

async function runInstallStep(script: string, pinned: string) {
  const runnerTemp = await mkdtemp(join(scratch, 'runner-'));
  const githubPath = join(runnerTemp, 'github-path');
  await writeFile(githubPath, '');
  const env = { ...npmEnv(), RUNNER_TEMP: runnerTemp, GITHUB_PATH: githubPath, ECOSYSTEM_VERSION: cliVersion, ECOSYSTEM_INTEGRITY: pinned, npm_config_registry: registry.url, npm_config_cache: join(runnerTemp, 'npm-cache') };
  const result = await run('bash', ['--noprofile', '--norc', '-e', '-o', 'pipefail', '-c', script], { cwd: runnerTemp, env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
  return { ...result, runnerTemp, path: (await readFile(githubPath, 'utf8')).trim() };
}

describe('the Install ecosystem step of the reusable workflows', () => {
  it('is one script, the same in every job, next to a pinned version and sha512 integrity', () => {
    const scripts = new Set(REUSABLE.flatMap((name) => installSteps(workflows[name]!).map((step) => step.run)));
    expect(scripts.size).toBe(1);
    for (const name of REUSABLE) {
      expect(workflows[name]!.env?.ECOSYSTEM_VERSION, name).toBe(cliVersion);
      expect(workflows[name]!.env?.ECOSYSTEM_INTEGRITY, name).toMatch(/^sha512-[A-Za-z0-9+/]{86}==$/);
    }
  });

  it('installs the tarball whose integrity is pinned, alone, and puts ecosystem on PATH', async () => {
    registry.serve(genuine, cliVersion);
    const script = installSteps(workflows['cousin-sync.yml']!)[0]!.run!;
    const { code, stderr, path, runnerTemp } = await runInstallStep(script, integrityOf(genuine));
    expect(stderr).not.toMatch(/::error::/);
    expect(code).toBe(0);
    expect(path).toBe(join(runnerTemp, 'ecosystem', 'node_modules', '.bin'));
    expect((await readdir(join(runnerTemp, 'ecosystem', 'node_modules'))).filter((name) => !name.startsWith('.'))).toEqual(['@ecosystem-dispatcher']);
    expect((await run(join(path, 'ecosystem'), ['--version'])).stdout).toBe(`${cliVersion}\n`);
  }, 120_000);

  it('refuses a tarball with another integrity in one line, before installing anything', async () => {
    registry.serve(tampered, cliVersion);
    const script = installSteps(workflows['cousin-sync.yml']!)[0]!.run!;
    const { code, stdout, stderr, path, runnerTemp } = await runInstallStep(script, integrityOf(genuine));
    expect(code).toBe(1);
    const errors = `${stdout}${stderr}`.split('\n').filter((line) => line.startsWith('::error::'));
    expect(errors).toEqual([
      `::error::${NAME}@${cliVersion} from the registry has integrity ${integrityOf(tampered)}, not the ${integrityOf(genuine)} this workflow pins; refusing to run it`,
    ]);
    expect(path).toBe('');
    await expect(readdir(join(runnerTemp, 'ecosystem'))).rejects.toThrow();
  }, 120_000);
});
