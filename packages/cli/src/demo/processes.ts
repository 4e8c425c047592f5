import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';

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

/**
 * The built `ecosystem` and `create-cousin` bins, run as a user would run them; both
 * are files of this package's bundle (scripts/bundle.mjs), so an installed package
 * needs nothing else.
 */
export function demoBins(): { ecosystem: string; createCousin: string } {
  return {
    ecosystem: join(PACKAGE_ROOT, 'dist', 'bin.js'),
    createCousin: join(PACKAGE_ROOT, 'dist', 'create-cousin.js'),
  };
}
