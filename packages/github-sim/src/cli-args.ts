import { parseArgs } from 'node:util';

export interface CliOptions {
  port: number;
  dataDir?: string;
  repos: { fullName: string; fromDir?: string; private: boolean }[];
  seed?: number;
  /** Real ms per GitHub second for every limit window, retry-after and reset. */
  secondMs?: number;
  contractCheck: boolean;
}

export class CliUsageError extends Error {
  override name = 'CliUsageError';
}

export const USAGE = `usage: github-sim [--port N] [--data DIR] [--repo owner/name[=DIR]]... [--private-repo owner/name[=DIR]]... [--seed N] [--second-ms MS] [--contract-check]`;

export const HELP = `Usage: github-sim [options]

A local GitHub for tests and rehearsals: the REST endpoints the project uses, real git
repositories over smart HTTP, tokens, rate limits. Prints one JSON line with its URLs
and admin token, then serves until SIGINT or SIGTERM.

Options:
  --port N                      listen on 127.0.0.1:N (default: a free port)
  --data DIR                    keep repositories and state in DIR across restarts
  --repo OWNER/NAME[=DIR]       create a public repository (from the files of DIR); repeat
  --private-repo OWNER/NAME[=DIR]  the same, private
  --seed N                      seed of the fault injection
  --contract-check              check every response against GitHub's OpenAPI description
  -h, --help                    this help

Environment:
  none read

Exit codes: 0 stopped by a signal (or help printed), 2 usage error.
`;

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new CliUsageError(`--${name} needs a whole number, got "${value}"`);
  return Number(value);
}

function repoSpec(value: string, isPrivate: boolean): CliOptions['repos'][number] {
  const [fullName, fromDir] = value.split(/=(.*)/s, 2) as [string, string | undefined];
  if (!/^[\w.-]+\/[\w.-]+$/.test(fullName)) throw new CliUsageError(`--repo needs owner/name, got "${fullName}"`);
  return { fullName, private: isPrivate, ...(fromDir ? { fromDir } : {}) };
}

export function parseCliArgs(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      options: {
        port: { type: 'string' },
        data: { type: 'string' },
        repo: { type: 'string', multiple: true },
        'private-repo': { type: 'string', multiple: true },
        seed: { type: 'string' },
        'second-ms': { type: 'string' },
        'contract-check': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  const values = parsed.values;
  if (values.help) throw new CliUsageError(USAGE);
  const seed = integer('seed', values.seed);
  const secondMs = integer('second-ms', values['second-ms']);
  if (secondMs === 0) throw new CliUsageError('--second-ms needs a whole number above 0, got "0"');
  return {
    port: integer('port', values.port) ?? 0,
    ...(values.data ? { dataDir: values.data } : {}),
    repos: [...(values.repo ?? []).map((value) => repoSpec(value, false)), ...(values['private-repo'] ?? []).map((value) => repoSpec(value, true))],
    ...(seed !== undefined ? { seed } : {}),
    ...(secondMs !== undefined ? { secondMs } : {}),
    contractCheck: values['contract-check'] ?? false,
  };
}
