import { resolve } from 'node:path';
import { parseFlags } from '../flags.js';
import type { CommandIO } from '../io.js';
import { renderDemo } from '../demo/render.js';
import { runDemo } from '../demo/run-demo.js';
import { EXAMPLE_MONOREPO } from '../package-root.js';

const HELP = `Usage: ecosystem demo [options]

Runs the whole flow offline on a local GitHub (github-sim): creates a monorepo from the
example, scaffolds three cousins with create-cousin and registers them, lints, then
pushes three upstream changes and, for each, runs ecosystem dispatch as the reusable
workflow would and ecosystem sync in every notified cousin. Prints which cousins were
notified, which pull requests were opened or updated (files, trailers), which cousins
were left alone and why, and the conflict with a local edit.

Options:

  --keep DIR      keep the repositories (bare remotes under DIR/<owner>/<repo>.git)
  --json          print the result as JSON
  --example DIR   the monorepo to start from (default: the example shipped in the package)
  -h, --help      this help

Environment:
  none read: the demo starts its own github-sim and needs no token

Exit codes: 0 the story went as told, 1 a step did not, 2 usage error.
`;

export async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parseFlags('demo', argv, {
    keep: { type: 'string' },
    json: { type: 'boolean', default: false },
    example: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const result = await runDemo({
    keep: values.keep === undefined ? undefined : resolve(io.cwd, values.keep),
    exampleDir: values.example === undefined ? EXAMPLE_MONOREPO : resolve(io.cwd, values.example),
    env: io.env,
    progress: values.json ? undefined : (line) => io.stderr.write(`· ${line}\n`),
  });
  io.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : renderDemo(result));
  return Object.values(result.checks).every(Boolean) ? 0 : 1;
}
