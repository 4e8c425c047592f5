import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { EcosystemError, findRepoNameProblem, findUnsendablePayload, GitHubError, readEcosystemConfig, UsageError, type DispatchPlan, type EcosystemConfig } from '@ecosystem-dispatcher/core';
import {
  appendStepSummary,
  deliverOutbox,
  enqueuePlan,
  OutboxSaver,
  notifyIssue,
  recordSpend,
  notifyWebhook,
  reportMarkdown,
  reposWith,
  runLinkFrom,
  sendDispatches,
  writeStepOutputs,
  type DispatchReport,
  type DispatchResult,
} from '@ecosystem-dispatcher/dispatch';
import { announceMasks, apiUrlFrom, explainGitHubError, maskSecrets, parseWriteBudget, RepoClients, resolveAuth, secretsOf, WriteBudget, type GitHubAuth } from '@ecosystem-dispatcher/github';
import { dashboardRun } from '../dashboard-retries.js';
import { OUTBOX_FLAGS, OUTBOX_HELP, outboxStoreFrom, parseDuration, planIntoOutbox, stopOnSignals } from '../dispatch-outbox.js';
import { parseFlags } from '../flags.js';
import type { CommandIO } from '../io.js';
import { pacingFromEnv } from '../pacing.js';
import { PLAN_SELECTOR_FLAGS, PLAN_SELECTOR_HELP, selectPlan } from '../plan-selectors.js';
import { didYouMean } from '../suggest.js';
import { renderTable } from '../table.js';
import { renderPlan } from './plan.js';

const HELP = `Usage: ecosystem dispatch [options]

Sends the plan's repository_dispatch events (one per cousin per push), at GitHub's
pace, and reports every cousin: delivered, failed (why) or skipped.

${PLAN_SELECTOR_HELP}
${OUTBOX_HELP}
Sending:
  --dry-run               print the plan and send nothing
  --only OWNER/NAME       notify only these cousins (repeat, or comma-separate): rollout;
                          a name that is not a cousin of the config is a usage error
  --api-url URL           GitHub REST API (default $GITHUB_API_URL, else api.github.com)
Reporting:
  --report FILE           write the full JSON report
  --notify-issue          on failure open or update one issue on the monorepo (label
                          ecosystem-dispatch); close it when a later run reaches every cousin
  --notify-webhook URL    on failure POST a JSON summary with a Slack-style "text"
                          (default $ECOSYSTEM_NOTIFY_WEBHOOK)
  --dashboard-issue       also re-dispatch the rows ticked in the monorepo's dashboard issue
                          (see ecosystem status --dashboard-issue) and untick them once sent
  --monorepo OWNER/NAME   where the issue goes (default $GITHUB_REPOSITORY, else the plan's source)
  -h, --help              this help
Environment:
  ECOSYSTEM_TOKEN (a PAT), or ECOSYSTEM_APP_ID + ECOSYSTEM_APP_PRIVATE_KEY (a GitHub App,
  one installation token per owner), or GITHUB_TOKEN (reaches only its own repository).
  In Actions: $GITHUB_STEP_SUMMARY gets a table, $GITHUB_OUTPUT gets "dispatched" and
  "failed" (JSON: the repositories reached; objects {repo, features, reason, status} for
  the failures). ECOSYSTEM_SECOND_MS: ms per GitHub second when
  pacing writes (default 1000; only rehearsals against github-sim shrink it).
Exit codes: 0 every dispatch delivered (or nothing to send), 1 any failed, 2 usage error.
`;

const FLAGS = {
  ...PLAN_SELECTOR_FLAGS,
  'dry-run': { type: 'boolean', default: false },
  only: { type: 'string', multiple: true },
  'api-url': { type: 'string' },
  report: { type: 'string' },
  'notify-issue': { type: 'boolean', default: false },
  'notify-webhook': { type: 'string' },
  'dashboard-issue': { type: 'boolean', default: false },
  monorepo: { type: 'string' },
  ...OUTBOX_FLAGS,
  help: { type: 'boolean', short: 'h' },
} as const;

export async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseFlags('dispatch', argv, FLAGS);
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])} (see "ecosystem dispatch --help")`);
  const only = repoList(values.only);
  const webhook = values['notify-webhook'] ?? (io.env.ECOSYSTEM_NOTIFY_WEBHOOK || undefined);
  const secrets: string[] = webhook ? [webhook] : [];
  const out = maskedIO(io, secrets);
  try {
    const startedAt = Date.now();
    const store = values['dry-run'] ? undefined : outboxStoreFrom(values, io);
    const pacing = pacingFromEnv(io.env);
    const secondMs = pacing.throttle?.secondMs ?? 1000;
    const windows = parseWriteBudget(values['write-budget']);
    const deadline = startedAt + parseDuration(values['max-duration'], '--max-duration') * secondMs;
    let outbox = store ? await store.load() : undefined;
    let plan: DispatchPlan;
    let config: EcosystemConfig | undefined;
    if (outbox && values.pending) plan = { head: outbox.plannedThrough ?? '', base: null, sourceRepo: outbox.sourceRepo, ref: outbox.ref, dispatches: [], skipped: [] };
    else if (outbox) ({ plan, outbox, config } = await planIntoOutbox(values, io, outbox, new Date()));
    else ({ plan, config } = await selectPlan(values, io));
    // --pending plans nothing: --only then filters what the outbox holds.
    if (only && config) refuseUnknownCousins(only, config, values.config);
    const monorepo = values['notify-issue'] ? monorepoOf(values.monorepo, io, plan) : undefined;
    refuseUnsendable(plan);
    if (values['dry-run']) return await finish(await sendDispatches(plan, { octokitFor: noClient, dryRun: true, ...(only ? { only } : {}) }), { io, out, reportFile: values.report, plan });
    const auth = resolveAuth(io.env);
    secrets.push(...secretsOf(auth));
    announceMasks(secrets, io);
    // GitHub's windows hold across runs: start from what earlier runs of this identity spent.
    const budgetKey = identityOf(auth);
    const budget = new WriteBudget(windows, { secondMs, ...(outbox?.writeSpend?.[budgetKey] ? { spent: outbox.writeSpend[budgetKey] } : {}) });
    const clients = new RepoClients(auth, {
      baseUrl: apiUrlFrom({ apiUrl: values['api-url'] }, io.env),
      ...pacing,
      budget,
      log: { debug: () => {}, info: () => {}, warn: (message: string) => out.stderr.write(`warning: ${message}\n`), error: () => {} },
      onSecret: (secret) => {
        secrets.push(secret);
        announceMasks([secret], io);
      },
    });
    // --pending plans nothing, but ticked rows still need the config to be checked against.
    if (values['dashboard-issue'] && !config) config = await readEcosystemConfig(resolve(io.cwd, values.config));
    const dashboard = values['dashboard-issue'] && config ? await dashboardRunFor(clients, monorepoOf(values.monorepo, io, plan), plan, config, out) : undefined;
    // With an outbox the ticked rows are owed like any push: coalesced, saved, sent in turn.
    if (dashboard && outbox && dashboard.retries.length > 0) outbox = enqueuePlan(outbox, { ...plan, base: null, dispatches: dashboard.retries }, new Date(), config);
    const progress = progressPrinter(out, Boolean(io.isTTY));
    const sendOptions = { octokitFor: (repo: string) => clients.forRepo(repo), onProgress: progress.update, authSource: auth.kind === 'token' ? auth.source : 'GitHub App', ...(only ? { only } : {}) };
    let report: DispatchReport;
    let code = 0;
    const saver = store ? new OutboxSaver(store) : undefined;
    if (saver && outbox) {
      // The plan is durable before the first send: a run killed now loses nothing.
      saver.request(outbox);
      await saver.flush();
      const signals = stopOnSignals();
      try {
        const delivery = await deliverOutbox(outbox, { ...sendOptions, saver, budget, budgetKey, deadline, signal: signals.signal });
        await saver.flush();
        report = delivery.report;
        progress.end();
        if (delivery.stopMessage) out.stderr.write(`error: ${delivery.stopMessage}\n`);
        if (delivery.stoppedBy === 'signal') out.stderr.write(`stopped by ${signals.received() ?? 'a signal'}: the outbox is saved; the next run sends what is pending\n`);
        if (delivery.stoppedBy === 'deadline') out.stderr.write(`warning: ${delivery.report.counts.pending} cousin(s) left pending: --max-duration or the write budget ran out; the next run (a push or the schedule) sends them\n`);
        // Out of time is the budget doing its job; a stop by signal or token is not.
        else if (delivery.stoppedBy) code = 1;
      } finally {
        signals.dispose();
      }
    } else {
      report = await sendDispatches(dashboard?.plan ?? plan, sendOptions);
      progress.end();
    }
    code = Math.max(code, await finish(report, { io, out, reportFile: values.report }));
    if (dashboard) await dashboard.finish(report);
    const runLink = runLinkFrom(io.env);
    if (monorepo) code = Math.max(code, await notify(out, 'issue', monorepo, async () => {
      const outcome = await notifyIssue({ octokit: await clients.forRepo(monorepo), monorepo, report, runLink, login: await clients.actorLogin() });
      return outcome.action === 'none' ? undefined : `${outcome.action} issue #${outcome.number} on ${monorepo}: ${outcome.url}`;
    }));
    if (webhook) code = Math.max(code, await notify(out, 'webhook', undefined, async () => ((await notifyWebhook(webhook, report, runLink)) ? 'posted the failure summary to the webhook' : undefined)));
    // The dashboard and the notify issue wrote after the last save: their writes count too.
    if (saver && outbox && recordSpend(outbox, { budget, budgetKey })) {
      saver.request(outbox);
      await saver.flush();
    }
    return code;
  } catch (error) {
    // The CLI entry prints the message: make sure it holds no credential.
    if (error instanceof Error) error.message = maskSecrets(error.message, secrets);
    throw error;
  }
}

interface FinishContext {
  io: CommandIO;
  out: Pick<CommandIO, 'stdout' | 'stderr'>;
  reportFile: string | undefined;
  plan?: DispatchPlan;
}

/** Prints the table, writes the report and the Actions files; the exit code follows the failures. */
async function finish(report: DispatchReport, { io, out, reportFile, plan }: FinishContext): Promise<number> {
  for (const repo of report.unknownOnly) out.stderr.write(`warning: --only names ${repo}, which this change does not notify\n`);
  out.stdout.write(plan ? renderDryRun(plan, report) : renderResults(report));
  if (reportFile) await writeText(resolve(io.cwd, reportFile), `${JSON.stringify(report, null, 2)}\n`);
  await appendStepSummary(io.env, reportMarkdown(report, runLinkFrom(io.env)));
  await writeStepOutputs(io.env, { dispatched: JSON.stringify(reposWith(report, 'delivered')), failed: JSON.stringify(failuresOf(report)), pending: JSON.stringify(reposWith(report, 'pending')) });
  return report.counts.failed > 0 ? 1 : 0;
}

/** The `failed` output: one object per cousin with the reason, so a caller can act without the log. */
export function failuresOf(report: DispatchReport): { repo: string; features: string[]; reason: string; status?: number }[] {
  return report.results
    .filter((r) => r.status === 'failed')
    .map((r) => ({ repo: r.repo, features: r.features, reason: r.reason ?? 'unknown', ...(r.httpStatus === undefined ? {} : { status: r.httpStatus }) }));
}

function renderResults(report: DispatchReport): string {
  const { delivered, failed, skipped, pending, total } = report.counts;
  if (total === 0) return 'Nothing to dispatch.\n';
  const rows = report.results.map((r) => [r.repo, r.eventType ?? '-', r.features.join(', '), r.status, String(r.attempts), r.reason ?? '']);
  const table = renderTable(['cousin', 'event', 'features', 'result', 'tries', 'details'], rows);
  return `\n${table}\n\n${delivered} delivered, ${failed} failed, ${skipped} skipped${pending ? `, ${pending} pending for the next run` : ''} of ${total} (${report.requests} request${report.requests === 1 ? '' : 's'}).\n`;
}

function renderDryRun(plan: DispatchPlan, report: DispatchReport): string {
  const outside = report.results.filter((r) => r.reason === 'not in --only').map((r) => `Skipped ${r.repo} (not in --only)\n`);
  const wouldSend = report.results.filter((r) => r.reason === 'dry run').length;
  return `${renderPlan(plan)}${outside.join('')}Dry run: sent nothing (${wouldSend} dispatch${wouldSend === 1 ? '' : 'es'} would be sent).\n`;
}

/** One line per completed cousin; on a terminal a single live counter line instead. */
function progressPrinter(out: Pick<CommandIO, 'stdout'>, isTTY: boolean) {
  let live = false;
  return {
    update(done: number, total: number, result: DispatchResult) {
      const line = `[${done}/${total}] ${result.status === 'delivered' ? 'delivered' : 'FAILED'} ${result.repo}${result.status === 'failed' ? `: ${result.reason}` : ''}`;
      if (isTTY && result.status === 'delivered') {
        out.stdout.write(`\r\x1b[2K${line}`);
        live = true;
      } else {
        out.stdout.write(`${live ? '\r\x1b[2K' : ''}${line}\n`);
        live = false;
      }
    },
    end() {
      if (live) out.stdout.write('\n');
    },
  };
}

async function notify(out: Pick<CommandIO, 'stdout' | 'stderr'>, what: string, repo: string | undefined, send: () => Promise<string | undefined>): Promise<number> {
  try {
    const done = await send();
    if (done) out.stdout.write(`Notify: ${done}\n`);
    return 0;
  } catch (error) {
    const message = error instanceof EcosystemError ? error.message : explainGitHubError(error, { ...(repo ? { repo } : {}), action: `notify by ${what}` });
    out.stderr.write(`notify ${what} failed: ${message}\n`);
    return 1;
  }
}

/**
 * GitHub answers 204 to any well-formed dispatch, so a payload the cousin's sync would
 * reject fails silently there: refuse it here, before anything is sent (dry runs too).
 */
function refuseUnsendable(plan: DispatchPlan): void {
  for (const dispatch of plan.dispatches) {
    const problem = findUnsendablePayload(dispatch.payload);
    if (!problem) continue;
    const fix = dispatch.payload.source_repo === null ? ': pass --source-repo OWNER/NAME (or set GITHUB_REPOSITORY, or give --repo-dir an origin on GitHub)' : '';
    throw new UsageError(`not sending to ${dispatch.repo}: its sync would reject the payload: ${problem}${fix}`);
  }
}

function repoList(raw: string[] | undefined): string[] | undefined {
  if (!raw) return undefined;
  const repos = raw.flatMap((item) => item.split(',')).map((item) => item.trim()).filter(Boolean);
  for (const repo of repos) {
    const problem = findRepoNameProblem(repo);
    if (problem) throw new UsageError(`--only ${JSON.stringify(repo)} ${problem}`);
  }
  return repos;
}

async function dashboardRunFor(clients: RepoClients, monorepo: string, plan: DispatchPlan, config: EcosystemConfig, out: Pick<CommandIO, 'stdout' | 'stderr'>) {
  try {
    return await dashboardRun(await clients.forRepo(monorepo), monorepo, plan, config, out);
  } catch (error) {
    throw new GitHubError(`cannot read the dashboard issue: ${explainGitHubError(error, { repo: monorepo, action: 'read the dashboard issue' })}`, (error as { status?: number }).status, { cause: error });
  }
}

/** A typo in --only would send nothing and look like success: name the closest cousins instead. */
function refuseUnknownCousins(only: readonly string[], config: EcosystemConfig, configFile: string): void {
  const known = config.cousins.map((cousin) => cousin.repo);
  const lowerKnown = new Set(known.map((repo) => repo.toLowerCase()));
  const unknown = only.find((repo) => !lowerKnown.has(repo.toLowerCase()));
  if (unknown) throw new UsageError(`--only ${unknown} is not a cousin in ${configFile}${didYouMean(unknown, known)}`);
}

function monorepoOf(flag: string | undefined, io: CommandIO, plan: DispatchPlan): string {
  const monorepo = flag || io.env.GITHUB_REPOSITORY || plan.sourceRepo || undefined;
  if (!monorepo) throw new UsageError('--notify-issue needs the monorepo: pass --monorepo OWNER/NAME (or set GITHUB_REPOSITORY)');
  const problem = findRepoNameProblem(monorepo);
  if (problem) throw new UsageError(`--monorepo ${JSON.stringify(monorepo)} ${problem}`);
  return monorepo;
}

/** Every write goes through the mask, so a token can never reach the log. */
function maskedIO(io: CommandIO, secrets: string[]): Pick<CommandIO, 'stdout' | 'stderr'> {
  return {
    stdout: { write: (chunk: string) => io.stdout.write(maskSecrets(chunk, secrets)) },
    stderr: { write: (chunk: string) => io.stderr.write(maskSecrets(chunk, secrets)) },
  };
}

/**
 * The name the outbox keeps this identity's write spend under. GitHub counts per user
 * (PAT) or installation (App); the token's variable or the App id stands for it, so a
 * rotated token keeps the spend and a different identity never borrows another's.
 */
function identityOf(auth: GitHubAuth): string {
  return auth.kind === 'token' ? `token ${auth.source}` : `app ${auth.appId}`;
}

function noClient(): never {
  throw new Error('a dry run sends nothing');
}

async function writeText(file: string, text: string): Promise<void> {
  try {
    await writeFile(file, text, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
