import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface ScriptResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/**
 * The runner's default shell for `run:` on Linux: the script goes to a file and
 * bash runs that file — the script text is never passed through another shell.
 * https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#defaultsrunshell
 */
const SHELLS: Record<string, string[]> = {
  bash: ['bash', '--noprofile', '--norc', '-eo', 'pipefail'],
  sh: ['sh', '-e'],
};

export async function runScript(options: {
  script: string;
  shell: string;
  cwd: string;
  env: Record<string, string>;
  runnerTemp: string;
  timeoutMs: number;
}): Promise<ScriptResult> {
  const command = SHELLS[options.shell];
  if (!command) throw new Error(`shell "${options.shell}" is not supported by the local runner (bash, sh)`);
  const file = path.join(options.runnerTemp, `${randomUUID()}.sh`);
  await writeFile(file, options.script);
  const [program = 'bash', ...args] = command;
  return new Promise((resolve, reject) => {
    const child = spawn(program, [...args, file], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ exitCode: code ?? 1, stdout, stderr, timedOut });
    });
  });
}
