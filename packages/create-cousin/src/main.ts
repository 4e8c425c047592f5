import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { EcosystemError, ProblemsFound, UsageError } from '@ecosystem-dispatcher/core';
import { checkAnswers, type Answers, type Draft } from './answers.js';
import { planCousinFiles, SUBSCRIPTIONS_FILE } from './cousin-files.js';
import type { PlannedFile } from './file-plan.js';
import { HELP, parseFlags, type Flags } from './flags.js';
import type { ScaffoldIO } from './io.js';
import { lintSubscriptionsText } from './lint-rules.js';
import { listFeatures, monorepoEventTypes, originRepo } from './monorepo.js';
import { manualDispatchCommand, nextSteps } from './next-steps.js';
import { readRecordedAnswers } from './recorded-answers.js';
import { planRegistration, type Registration } from './register.js';
import { unifiedDiff } from './unified-diff.js';
import { VERSION } from './version.js';
import { writeFilesAtomically } from './write-files.js';

/** One run of `create-cousin`; expected failures become one line on stderr and an exit code. */
export async function runCreateCousin(argv: string[], io: ScaffoldIO): Promise<number> {
  try {
    return await createCousin(argv, io);
  } catch (error) {
    if (error instanceof EcosystemError) {
      io.stderr.write(`create-cousin: ${error.message.split('\n')[0]}\n`);
      return error.exitCode;
    }
    const detail = io.env.ECOSYSTEM_DEBUG ? `\n${(error as Error).stack}` : ' (set ECOSYSTEM_DEBUG=1 for details)';
    io.stderr.write(`create-cousin: unexpected error: ${(error as Error).message}${detail}\n`);
    return 2;
  }
}

async function createCousin(argv: string[], io: ScaffoldIO): Promise<number> {
  const flags = parseFlags(argv);
  if (flags.help) return print(io, HELP, 0);
  if (flags.version) return print(io, `${VERSION}\n`, 0);
  const { answers, monorepo } = await gatherAnswers(flags, io);
  const registerFile = flags.register === undefined ? undefined : path.resolve(io.cwd, flags.register);

  // Everything is checked and computed before the first byte is written.
  const files = await planCousinFiles(answers, manualDispatchCommand(answers));
  await lintGenerated(files, monorepo, io);
  const registration = registerFile ? await planRegistration(registerFile, answers, (line) => io.stderr.write(`${line}\n`)) : undefined;

  if (flags.check) return reportCheck(files, registration, io);
  const replaced = files.filter((file) => file.change === 'replace');
  if (replaced.length > 0 && !flags.force) {
    for (const file of replaced) io.stdout.write(unifiedDiff(file.current ?? '', file.next, file.path));
    const names = replaced.map((file) => file.path).join(', ');
    throw new ProblemsFound(`${names} differ${replaced.length === 1 ? 's' : ''} from what these answers produce (diff above); nothing written — re-run with --force to replace`);
  }
  const writes = files.filter((file) => file.change !== 'unchanged').map((file) => ({ absolute: file.absolute, content: file.next }));
  if (registration && registration.change !== 'unchanged') writes.push({ absolute: registration.file, content: registration.text });
  await writeFilesAtomically(writes);

  for (const file of files) io.stdout.write(`${describeChange(file)} ${file.path}\n`);
  if (registration) io.stdout.write(`${registration.change === 'unchanged' ? 'already registered in' : `${registration.change} ${answers.repo} in`} ${registration.file}\n`);
  io.stdout.write(`\n${nextSteps(answers, registration !== undefined)}`);
  return 0;
}

/** Flags first; on a terminal, questions for whatever is still missing; then every rule. Also the local monorepo checkout, when one is named. */
async function gatherAnswers(flags: Flags, io: ScaffoldIO): Promise<{ answers: Answers; monorepo: string | undefined }> {
  const dir = path.resolve(io.cwd, flags.dir ?? '.');
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(`${flags.dir} is a file; give the cousin's folder`);
  const monorepo = flags.monorepo !== undefined ? path.resolve(io.cwd, flags.monorepo) : flags.register !== undefined ? path.dirname(path.resolve(io.cwd, flags.register)) : undefined;
  if (monorepo !== undefined && !existsSync(monorepo)) throw new UsageError(`${flags.monorepo !== undefined ? '--monorepo' : '--register'}: no such folder ${monorepo}`);
  const monorepoOrigin = monorepo === undefined ? undefined : await originRepo(monorepo);
  // What an earlier run wrote is the default for every answer not given now: a bare re-run
  // or `--check` in the cousin needs no flags.
  const recorded = await readRecordedAnswers(dir);
  let draft: Draft = {
    dir,
    // A local checkout of the monorepo names its GitHub repository through its origin remote.
    upstream: flags.upstream ?? recorded?.upstream ?? (flags.yes ? monorepoOrigin : undefined),
    subscribe: flags.subscribe.length > 0 ? flags.subscribe : (recorded?.subscribe ?? []),
    method: flags.method ?? recorded?.method,
    labels: flags.labels ?? recorded?.labels,
    repo: flags.repo ?? recorded?.repo ?? (await originRepo(dir)),
    standalone: flags.standalone || (recorded?.standalone ?? false),
    ref: flags.ref ?? recorded?.ref,
    schedule: flags.schedule ?? recorded?.schedule,
  };
  draft.eventType = (await eventTypeOf(flags, monorepo, draft.repo, io)) ?? recorded?.eventType;
  const missing = draft.upstream === undefined || draft.subscribe.length === 0;
  if (missing && io.interactive && !flags.yes && !flags.check) {
    const hints = { features: monorepo ? await listFeatures(monorepo) : [], upstream: monorepoOrigin };
    const streams = { input: io.stdin as Readable, output: io.stdout as Writable };
    // The prompt library is loaded only when there is someone to ask.
    const { askMissingAnswers } = await import('./prompts.js');
    draft = await askMissingAnswers(draft, flags.method !== undefined, hints, streams);
  } else if (missing) {
    // No terminal (or --yes): never wait for an answer that cannot come.
    const flag = draft.upstream === undefined ? '--upstream OWNER/MONOREPO' : '--subscribe PATH[:DEST]';
    throw new UsageError(`missing ${flag}${io.interactive ? '' : ' (no terminal to ask on)'}`);
  }
  const answers = checkAnswers(draft);
  if (monorepo !== undefined) {
    const absent = answers.subscriptions.find((s) => !existsSync(path.join(monorepo, s.path)));
    if (absent) throw new UsageError(`--subscribe ${absent.path}: no such folder in the monorepo at ${monorepo}`);
  }
  return { answers, monorepo };
}

/**
 * The event type the monorepo sends this cousin: --event-type, else what the monorepo's
 * ecosystem.json (the --register file, or the one in --monorepo) says for this cousin or
 * by default. A flag that disagrees with the file is kept (--register writes it there).
 */
async function eventTypeOf(flags: Flags, monorepo: string | undefined, repo: string | undefined, io: ScaffoldIO): Promise<string | undefined> {
  const file = flags.register !== undefined ? path.resolve(io.cwd, flags.register) : monorepo !== undefined ? path.join(monorepo, 'ecosystem.json') : undefined;
  if (file === undefined || !existsSync(file)) return flags.eventType;
  const types = await monorepoEventTypes(file, repo);
  const sent = types.cousin ?? types.defaultEventType;
  if (flags.eventType !== undefined && flags.eventType !== sent && flags.register === undefined) {
    io.stderr.write(`create-cousin: warning: ${file} sends ${repo ?? 'this cousin'} the event type ${JSON.stringify(sent)}, not ${JSON.stringify(flags.eventType)}; pass --register to change it there\n`);
  }
  return flags.eventType ?? sent;
}

/**
 * The generated subscriptions.json must pass `ecosystem lint` like a hand-written one:
 * an error is a bad answer (exit 2), a warning is shown and the run goes on. With a local
 * monorepo checkout, lint sees the files each subscription carries (workflow files).
 */
async function lintGenerated(files: PlannedFile[], monorepo: string | undefined, io: ScaffoldIO): Promise<void> {
  const file = files.find((f) => f.path === SUBSCRIPTIONS_FILE)!;
  const problems = await lintSubscriptionsText(file.next, SUBSCRIPTIONS_FILE, monorepo);
  const error = problems.find((p) => p.severity === 'error');
  if (error) throw new UsageError(`these answers make ${SUBSCRIPTIONS_FILE} fail ecosystem lint: ${error.message} (${error.rule})`);
  for (const warning of problems) io.stderr.write(`create-cousin: warning: ${warning.message} (${warning.rule})\n`);
}

function reportCheck(files: PlannedFile[], registration: Registration | undefined, io: ScaffoldIO): number {
  let differing = 0;
  for (const file of files) {
    if (file.change === 'unchanged') continue;
    differing += 1;
    io.stdout.write(unifiedDiff(file.current ?? '', file.next, file.path));
  }
  if (registration && registration.change !== 'unchanged') {
    differing += 1;
    io.stdout.write(unifiedDiff(registration.current, registration.text, path.basename(registration.file)));
  }
  if (differing === 0) return print(io, 'create-cousin: up to date\n', 0);
  // Replacing a file needs --force; creating one or adding the README section does not.
  const replacing = files.some((file) => file.change === 'replace');
  const rerun = replacing ? 'create-cousin --force' : 'create-cousin';
  io.stderr.write(`create-cousin: ${differing} file${differing === 1 ? '' : 's'} differ from what the answers produce (diff above); run "${rerun}" (the same answers, without --check) to update\n`);
  return 1;
}

function describeChange(file: PlannedFile): string {
  return { create: 'created', 'add-section': 'added a section to', unchanged: 'unchanged', replace: 'replaced' }[file.change];
}

function print(io: ScaffoldIO, text: string, code: number): number {
  io.stdout.write(text);
  return code;
}
