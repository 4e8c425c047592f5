import { COMMANDS } from './commands/index.js';
import type { CommandIO } from './io.js';
import { didYouMean } from './suggest.js';
import { VERSION } from './version.js';

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, entry]) => `  ${name.padEnd(width)}  ${entry.summary}`);
  return [
    'Usage: ecosystem <command> [options]',
    '',
    'Keeps cousin repositories in sync with the feature folders of a monorepo.',
    '',
    'Commands:',
    ...lines,
    '',
    'Options:',
    '  -h, --help     this help; "ecosystem help <command>" or "ecosystem <command> --help" for a command',
    '  -v, --version  the version',
    '',
    'Environment:',
    '  NO_COLOR, FORCE_COLOR  turn colour off or on (default: on when stdout is a terminal)',
    '  ECOSYSTEM_DEBUG        print the stack of an unexpected error',
    '',
    'Exit codes: 0 success, 1 problems found, 2 usage or I/O error.',
    '',
  ].join('\n');
}

/** Runs one CLI invocation; expected failures become one line on stderr and an exit code. */
export async function runCli(argv: string[], io: CommandIO): Promise<number> {
  const [first, ...afterFirst] = argv;
  // `ecosystem help lint` is `ecosystem lint --help`, as in git and npm.
  const [name, rest] = first === 'help' && afterFirst.length > 0 ? [afterFirst[0]!, ['--help']] : [first, afterFirst];
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) {
    const [what, known] = name.startsWith('-') ? ['option', ['--help', '--version']] : ['command', [...Object.keys(COMMANDS), 'help']];
    io.stderr.write(`ecosystem: unknown ${what} ${JSON.stringify(name)}${didYouMean(name, known)}; run "ecosystem --help" for the list\n`);
    return 2;
  }
  if (entry.help && rest.length === 1 && (rest[0] === '--help' || rest[0] === '-h')) {
    io.stdout.write(await entry.help());
    return 0;
  }
  try {
    return await (await entry.load()).run(rest, io);
  } catch (error) {
    // Loaded here, not at the top: `ecosystem --version` and `--help` then read no library code.
    const { EcosystemError } = await import('@ecosystem-dispatcher/core');
    if (error instanceof EcosystemError) {
      io.stderr.write(`ecosystem ${name}: ${error.message.split('\n')[0]}\n`);
      return error.exitCode;
    }
    const detail = io.env.ECOSYSTEM_DEBUG ? `\n${(error as Error).stack}` : ' (set ECOSYSTEM_DEBUG=1 for details)';
    io.stderr.write(`ecosystem ${name}: unexpected error: ${(error as Error).message}${detail}\n`);
    return 2;
  }
}
