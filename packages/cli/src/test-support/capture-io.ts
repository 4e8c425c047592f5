import { Readable } from 'node:stream';
import type { CommandIO } from '../io.js';

export interface CapturedIO extends CommandIO {
  out(): string;
  err(): string;
}

/** A CommandIO that records what a command printed, for in-process tests. */
export function captureIO(options: { cwd: string; env?: Record<string, string | undefined>; stdin?: string; isTTY?: boolean }): CapturedIO {
  let out = '';
  let err = '';
  return {
    stdout: { write: (chunk: string) => (out += chunk) },
    stderr: { write: (chunk: string) => (err += chunk) },
    env: options.env ?? {},
    cwd: options.cwd,
    stdin: Readable.from([options.stdin ?? '']),
    isTTY: options.isTTY ?? false,
    out: () => out,
    err: () => err,
  };
}
