import { join, resolve } from 'node:path';
import {
  EcosystemError,
  Git,
  parseDispatchPayload,
  ProblemsFound,
  readCousinConfig,
  readTextFile,
  RejectedPayload,
  UsageError,
  type CousinConfig,
} from '@ecosystem-dispatcher/core';
import { announceMasks, apiUrlFrom, resolveAuth, RepoClients, type GitHubAuth, type Octokit } from '@ecosystem-dispatcher/github';
import { writeStepOutputs } from '@ecosystem-dispatcher/dispatch';
import { reportClosedPull, runSync, type SyncRequest, type SyncRunResult } from '@ecosystem-dispatcher/sync';
import { parseFlags } from '../flags.js';
import { SYNC_HELP as HELP } from './sync-help.js';
import { collectOutcomes, outcomesOf, outputsOf, resultsKey, writeOutcomes, type SyncOutcome } from '../sync-outputs.js';
import type { CommandIO } from '../io.js';
import { pacingFromEnv } from '../pacing.js';
import { openRequestCache, type RequestCache } from '../request-cache.js';

const FLAGS = {
  payload: { type: 'string' },
  'payload-feature': { type: 'string' },
  feature: { type: 'string' },
  to: { type: 'string' },
  'allow-rollback': { type: 'boolean', default: false },
  all: { type: 'boolean', default: false },
  pr: { type: 'boolean', default: true },
  'report-closed': { type: 'boolean', default: false },
  results: { type: 'string' },
  'collect-results': { type: 'string' },
  config: { type: 'string' },
  'repo-dir': { type: 'string', default: '.' },
  'api-url': { type: 'string' },
  'upstream-url': { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  notify: { type: 'boolean', default: true },
  cache: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseFlags<typeof FLAGS>>['values'];

export async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseFlags('sync', argv, FLAGS);
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}; the payload is read from a file (--payload or $GITHUB_EVENT_PATH), never from the command line`);
  checkCombinations(values);
  if (values['collect-results'] !== undefined) return collectResults(values['collect-results'], values['payload-feature'], io);
  const repoDir = resolve(io.cwd, values['repo-dir']);
  const config = await readCousinConfig(resolve(io.cwd, values.config ?? resolve(repoDir, 'subscriptions.json')));
  const localOnly = (values.feature !== undefined || values.all) && !values.pr;
  const cousin = io.env.GITHUB_REPOSITORY?.trim() || (await cousinFromOrigin(repoDir));
  const requests = await openRequestCache(values.cache, io);
  try {
    return await syncWith(values, io, { config, repoDir, localOnly, cousin, requests });
  } finally {
    await requests.save();
  }
}

interface SyncSetup {
  config: CousinConfig;
  repoDir: string;
  localOnly: boolean;
  cousin: string;
  requests: RequestCache;
}

async function syncWith(values: Values, io: CommandIO, { config, repoDir, localOnly, cousin, requests }: SyncSetup): Promise<number> {
  const github = await connect(values, io, localOnly, cousin, config.upstream ?? cousin, requests);
  const runUrl = runLink(io.env, cousin);
  if (values['report-closed']) {
    const report = await reportClosedPull({ config, event: await readEvent(values, io), cousin, upstreamOctokit: github?.upstream, runUrl, dryRun: values['dry-run'] });
    io.stdout.write(`${report.summary}\n`);
    return 0;
  }
  const request: SyncRequest = values.all
    ? { kind: 'catch-up' }
    : values.feature !== undefined
      ? { kind: 'pull', feature: values.feature, to: values.to ?? 'latest', allowRollback: values['allow-rollback'] }
      : await dispatchRequest(values, io);
  const requested = request.kind === 'catch-up' ? config.subscriptions.map((s) => s.path) : request.kind === 'pull' ? [request.feature] : request.payload.updated_features;
  const result = await withResults(values.results && resolve(io.cwd, values.results), requested, io, () =>
    runSync({
      config, request, repoDir, cousin, runUrl, localOnly,
      cousinOctokit: github?.cousin, upstreamOctokit: github?.upstream, cousinToken: github?.cousinToken, upstreamToken: github?.upstreamToken,
      upstreamUrl: values['upstream-url'], serverUrl: io.env.GITHUB_SERVER_URL,
      dryRun: values['dry-run'], notify: values.notify,
      log: (line) => io.stdout.write(`${line}\n`),
    }),
  );
  await writeStepOutputs(io.env, outputsOf(outcomesOf(result)));
  io.stdout.write(summarize(result, config, request));
  return 0;
}

/** Runs the sync; with --results, writes its outcomes, and on failure the requested features as `none`. */
async function withResults(dir: string | undefined, features: readonly string[], io: CommandIO, sync: () => Promise<SyncRunResult>): Promise<SyncRunResult> {
  const record = async (outcomes: SyncOutcome[]) => {
    if (!dir) return;
    const key = resultsKey(io.env.GITHUB_RUN_ATTEMPT, features);
    await writeOutcomes(join(dir, `${key}.json`), outcomes);
    await writeStepOutputs(io.env, { 'results-key': key });
  };
  try {
    const result = await withExitCodes(sync);
    await record(outcomesOf(result));
    return result;
  } catch (error) {
    await record(features.map((feature): SyncOutcome => ({ feature, operation: 'none', number: null, url: null })));
    throw error;
  }
}

async function collectResults(dir: string, only: string | undefined, io: CommandIO): Promise<number> {
  const outcomes = (await collectOutcomes(resolve(io.cwd, dir))).filter((o) => !only || o.feature === only);
  await writeStepOutputs(io.env, outputsOf(outcomes));
  for (const o of outcomes) io.stdout.write(`${o.feature}: ${o.operation}${o.number === null ? '' : ` #${o.number} ${o.url ?? ''}`}\n`);
  if (outcomes.length === 0) io.stdout.write(`No results under ${dir}.\n`);
  return 0;
}

function checkCombinations(values: Values): void {
  if (values.all && (values.feature !== undefined || values.payload !== undefined || values['payload-feature'] || values.to !== undefined || values['report-closed'])) {
    throw new UsageError('--all syncs every subscribed feature to the latest upstream commit; it takes none of --feature, --to, --payload, --payload-feature, --report-closed');
  }
  if (values.feature !== undefined && values.payload !== undefined) throw new UsageError('--feature (pull mode) and --payload (a dispatch) exclude each other');
  if (values.to !== undefined && values.feature === undefined) throw new UsageError('--to needs --feature');
  if (values['payload-feature'] && values.feature !== undefined) throw new UsageError('--payload-feature picks from a dispatch payload; pull mode names its feature with --feature');
  if (values['allow-rollback'] && values.to === undefined) throw new UsageError('--allow-rollback needs --feature and --to SHA');
  if (!values.pr && values.feature === undefined && !values.all) throw new UsageError('--no-pr is for pull mode; add --feature PATH (or --all)');
  if (values['report-closed'] && values.feature !== undefined) throw new UsageError('--report-closed reads a pull_request event; it does not take --feature');
  if (values['collect-results'] !== undefined && (values.feature !== undefined || values.payload !== undefined || values['report-closed'] || values.results !== undefined)) {
    throw new UsageError('--collect-results only merges results files; it takes no --feature, --payload, --report-closed or --results');
  }
  if (values.results !== undefined && values['report-closed']) throw new UsageError('--results records a sync; --report-closed syncs nothing');
}

interface GitHubSide {
  cousin: Octokit;
  upstream: Octokit;
  cousinToken: string;
  upstreamToken: string;
}

/** One client per repository owner (a GitHub App has one installation per owner). */
async function connect(values: Values, io: CommandIO, localOnly: boolean, cousinName: string, upstreamName: string, requests: RequestCache): Promise<GitHubSide | undefined> {
  let auth: GitHubAuth;
  try {
    auth = resolveAuth(io.env);
  } catch (error) {
    // Pull mode into a local branch can fetch a public monorepo without any credentials.
    if (localOnly && values['upstream-url']) return undefined;
    throw error;
  }
  const clients = new RepoClients(auth, {
    baseUrl: apiUrlFrom({ apiUrl: values['api-url'] }, io.env),
    ...pacingFromEnv(io.env),
    cache: requests.cache,
    onSecret: (secret) => announceMasks([secret], io),
  });
  const cousin = await clients.forRepo(cousinName);
  const upstream = await clients.forRepo(upstreamName);
  return { cousin, upstream, cousinToken: await tokenOf(cousin, auth), upstreamToken: await tokenOf(upstream, auth) };
}

/** The token git uses for fetch and push: the PAT, or the App installation's token. */
async function tokenOf(octokit: Octokit, auth: GitHubAuth): Promise<string> {
  if (auth.kind === 'token') return auth.token;
  const { token } = (await octokit.auth({ type: 'installation' })) as { token: string };
  return token;
}

async function cousinFromOrigin(repoDir: string): Promise<string> {
  const url = await new Git(repoDir).output(['remote', 'get-url', 'origin']).catch(() => '');
  const match = /[/:]([^/:]+)\/([^/]+?)(?:\.git)?\/?\s*$/.exec(url.trim());
  if (!match) throw new UsageError('cannot tell which repository this cousin is: set GITHUB_REPOSITORY=owner/name or add an origin remote');
  return `${match[1]}/${match[2]}`;
}

function runLink(env: CommandIO['env'], cousin: string): string | undefined {
  if (!env.GITHUB_RUN_ID) return undefined;
  const server = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
  return `${server}/${env.GITHUB_REPOSITORY ?? cousin}/actions/runs/${env.GITHUB_RUN_ID}`;
}

async function readEvent(values: Values, io: CommandIO): Promise<unknown> {
  const file = values.payload ?? io.env.GITHUB_EVENT_PATH;
  if (!file) throw new UsageError('no payload: pass --payload FILE or run in GitHub Actions ($GITHUB_EVENT_PATH)');
  const text = await readTextFile(resolve(io.cwd, file), file);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new UsageError(`${file} is not JSON`);
  }
}

/** A repository_dispatch event carries the payload in client_payload; a bare payload file is accepted too. */
async function dispatchRequest(values: Values, io: CommandIO): Promise<SyncRequest> {
  const event = await readEvent(values, io);
  const inner = event && typeof event === 'object' && 'client_payload' in event ? (event as { client_payload: unknown }).client_payload : event;
  const payload = parseDispatchPayload(inner);
  const only = values['payload-feature'];
  if (!only) return { kind: 'dispatch', payload };
  // One workflow job per feature (its own concurrency group): the job syncs only its feature.
  if (!payload.updated_features.includes(only)) throw new RejectedPayload(`--payload-feature ${JSON.stringify(only)} is not one of the payload's features (${payload.updated_features.join(', ')})`);
  return { kind: 'dispatch', payload: { ...payload, updated_features: [only] } };
}

/** Usage and config errors keep exit 2, rejections exit 1; any other failure of a sync is exit 1. */
async function withExitCodes<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof EcosystemError && error.exitCode === 1) throw error;
    if (error instanceof UsageError || (error instanceof EcosystemError && error.name === 'ConfigError')) throw error;
    throw new ProblemsFound(`sync failed: ${(error as Error).message}`);
  }
}

const NOTHING_NEW = new Set(['up-to-date', 'no-change', 'stale']);

function summarize(result: SyncRunResult, config: CousinConfig, request: SyncRequest): string {
  if (request.kind === 'catch-up' && result.features.every((f) => NOTHING_NEW.has(f.status))) {
    return `Up to date: ${result.features.length} feature(s) of ${config.upstream}, nothing new to bring in at ${result.target.slice(0, 12)}.\n`;
  }
  const conflicts = result.features.reduce((n, f) => n + f.conflicts.length, 0);
  const lines = [`Synced ${result.features.length} feature(s) of ${config.upstream} at ${result.target.slice(0, 12)}${conflicts ? `; ${conflicts} conflict(s) to resolve in the pull request` : ''}.`];
  if (result.notFollowed.length > 0) lines.push(`Not followed here, not synced: ${result.notFollowed.join(', ')}.`);
  return `${lines.join('\n')}\n`;
}
