import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from './test-support/cli.js';

function run(command: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: { ...process.env, npm_config_update_notifier: 'false' }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

const PACKAGES = ['core', 'validator', 'create-cousin'];

describe('the packed package works outside the workspace', () => {
  it('installs from tarballs into an empty folder and scaffolds a cousin with npx create-cousin --yes', { timeout: 240_000 }, async () => {
    const tarballs = await tempDir('create-cousin-pack-');
    const tarballNames: string[] = [];
    for (const name of PACKAGES) {
      const packed = await run('npm', ['pack', '--json', '--pack-destination', tarballs], path.join(REPO_ROOT, 'packages', name));
      expect(packed.code, packed.stderr).toBe(0);
      const [info] = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
      tarballNames.push(info!.filename);
      if (name === 'create-cousin') {
        const files = info!.files.map((f) => f.path);
        expect(files).toEqual(expect.arrayContaining(['dist/bin.js', 'templates/sync-upstream.yml.hbs', 'templates/action-pins.json', 'package.json']));
        expect(files.filter((f) => f.startsWith('src/') || f.includes('.test.'))).toEqual([]);
      }
    }

    const project = await tempDir('create-cousin-install-');
    await writeFile(path.join(project, 'package.json'), '{ "name": "packaging-check", "private": true }\n');
    const installed = await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballNames.map((t) => path.join(tarballs, t))], project);
    expect(installed.code, installed.stderr).toBe(0);

    const cousin = path.join(project, 'cousin');
    const scaffolded = await run('npx', ['--no-install', 'create-cousin', cousin, '--yes', '--upstream', 'acme/monorepo', '--subscribe', 'features/pwa/vanilla:web', '--repo', 'acme/pwa'], project);
    expect(scaffolded.stderr).toBe('');
    expect(scaffolded.code).toBe(0);
    const workflow = await readFile(path.join(cousin, '.github/workflows/sync-upstream.yml'), 'utf8');
    const version = JSON.parse(await readFile(path.join(REPO_ROOT, 'packages/create-cousin/package.json'), 'utf8')).version;
    expect(workflow).toContain(`/.github/workflows/cousin-sync.yml@v${version}`);
    expect(JSON.parse(await readFile(path.join(cousin, 'subscriptions.json'), 'utf8')).subscriptions).toEqual({ 'features/pwa/vanilla': 'web' });
    const help = await run('npx', ['--no-install', 'create-cousin', '--version'], project);
    expect(help.stdout.trim()).toBe(version);
  });
});
