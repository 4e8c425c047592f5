#!/usr/bin/env node
import { resolve } from 'node:path';
import { CliUsageError, HELP, parseCliArgs, USAGE } from './cli-args.js';
import { startSim } from './sim.js';

/** Starts the sim, prints one JSON line with its URLs and admin token, serves until a signal. */
async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(HELP);
    return 0;
  }
  const options = parseCliArgs(argv);
  const sim = await startSim({
    port: options.port,
    contractCheck: options.contractCheck,
    ...(options.dataDir ? { dataDir: resolve(options.dataDir) } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.secondMs !== undefined ? { secondMs: options.secondMs } : {}),
  });
  for (const repo of options.repos) {
    if (sim.repoExists(repo.fullName)) continue;
    await sim.createRepo(repo.fullName, { private: repo.private, ...(repo.fromDir ? { fromDir: resolve(repo.fromDir) } : {}) });
  }
  process.stdout.write(`${JSON.stringify({ apiUrl: sim.url, gitUrl: sim.gitUrl, dataDir: sim.dataDir, tokens: { admin: sim.adminToken } })}\n`);
  await new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await sim.close();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const usage = error instanceof CliUsageError;
    process.stderr.write(`github-sim: ${error instanceof Error ? error.message : String(error)}${usage && !error.message.startsWith('usage') ? `\n${USAGE}` : ''}\n`);
    process.exitCode = 2;
  },
);
