import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a Node.js bin with an argument array and an explicit environment (never a shell). */
export function runNode(bin: string, args: readonly string[], options: { cwd: string; env: Record<string, string> }): Promise<ProcessResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: options.cwd, env: options.env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function packageRoot(specifier: string): string {
  return dirname(fileURLToPath(import.meta.resolve(`${specifier}/package.json`)));
}

/** The built `ecosystem` and `create-cousin` bins, as a user would run them. */
export function demoBins(): { ecosystem: string; createCousin: string } {
  return {
    ecosystem: join(packageRoot('@ecosystem-dispatcher/cli'), 'dist', 'bin.js'),
    createCousin: join(packageRoot('create-cousin'), 'dist', 'bin.js'),
  };
}
