/** What a run may touch of the outside world; tests pass their own streams. */
export interface ScaffoldIO {
  stdout: NodeJS.WritableStream;
  stderr: { write(chunk: string): unknown };
  stdin: NodeJS.ReadableStream;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Prompts are shown only when this is true (stdin and stdout are terminals). */
  interactive: boolean;
}

export function processIO(): ScaffoldIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  };
}
