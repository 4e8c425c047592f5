import { appendFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { GitHubError, readEcosystemConfig, UsageError, type EcosystemConfig } from '@ecosystem-dispatcher/core';
import { apiUrlFrom, explainGitHubError, RepoClients, resolveAuth } from '@ecosystem-dispatcher/github';
import {
  failedConditions,
  parseFailOn,
  readFleetStatus,
  renderDashboard,
  renderHtml,
  STATUS_COLUMNS,
  summaryLine,
  upsertDashboardIssue,
  type FleetStatus,
  type RetryRow,
} from '@ecosystem-dispatcher/status';
import { oneOf, parseFlags } from '../flags.js';
import type { CommandIO } from '../io.js';
import { inferMonorepo } from '../monorepo-name.js';
import { openRequestCache } from '../request-cache.js';
import { DELIVERY_FLAGS, DELIVERY_HELP, readDeliveryStatus, renderDelivery } from '../status-delivery.js';
import { renderMarkdownTable, renderTable } from '../table.js';

const HELP = `Usage: ecosystem status [options]

For every cousin and feature of ecosystem.json: the upstream commit it last synced
(its Upstream-Commit: trailer), how many monorepo commits touching the feature came
since, the open sync PR and whether it has conflicts, and the open failure issue.
Read through the API only; a cousin that cannot be read gets a row with the reason.

Options:
  --config FILE             ecosystem.json (default ./ecosystem.json)
  --monorepo OWNER/NAME     the monorepo (default $GITHUB_REPOSITORY, else the origin
                            remote of the checkout holding --config)
  --api-url URL             REST API base (default $GITHUB_API_URL or https://api.github.com)
  --format pretty|json|markdown|html   (default pretty)
  --out FILE                write the report to FILE instead of stdout
  --fail-on LIST            exit 1 when any row is: behind, conflict, failure, unreachable
                            (comma-separated; default: never, status only reports)
  --max-commits N           cousin commits read per cousin when looking for syncs (default 1000)
  --dashboard-issue         also keep the fleet dashboard issue on the monorepo current (one
                            issue, found by its marker; needs issues: write)
  --report-url URL          where the HTML report is published, linked from the dashboard
  --cache FILE              keep GitHub's answers (ETags) in FILE between runs: reads that
                            did not change are asked conditionally and cost no rate-limit
                            budget (pays off with a token that stays the same, a PAT)
${DELIVERY_HELP}
  -h, --help                this help
Environment:
  ECOSYSTEM_TOKEN, or ECOSYSTEM_APP_ID + ECOSYSTEM_APP_PRIVATE_KEY, or GITHUB_TOKEN.
  GITHUB_STEP_SUMMARY: markdown without --out is also appended to it.
Exit codes: 0 report written, 1 a --fail-on condition holds or GitHub failed, 2 usage or config error.
`;

const FORMATS = ['pretty', 'json', 'markdown', 'html'] as const;

export async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parseFlags('status', argv, {
    config: { type: 'string', default: 'ecosystem.json' },
    monorepo: { type: 'string' },
    'api-url': { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    'fail-on': { type: 'string' },
    'max-commits': { type: 'string' },
    'dashboard-issue': { type: 'boolean', default: false },
    'report-url': { type: 'string' },
    cache: { type: 'string' },
    ...DELIVERY_FLAGS,
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const format = oneOf('status', 'format', values.format, FORMATS, 'pretty');
  const failOn = parseFailOn(values['fail-on']);
  const monorepo = await inferMonorepo(values.monorepo, values.config, io);
  const maxCommits = positiveInteger(values['max-commits'], 'max-commits');
  const reportUrl = values['report-url'];
  if (reportUrl !== undefined && !/^https?:\/\/\S+$/.test(reportUrl)) throw new UsageError(`--report-url must be an http(s) address (got ${JSON.stringify(reportUrl)})`);
  const config = await readEcosystemConfig(resolve(io.cwd, values.config));
  const auth = resolveAuth(io.env);
  const requests = await openRequestCache(values.cache, io);
  try {
    const clients = new RepoClients(auth, { baseUrl: apiUrlFrom({ apiUrl: values['api-url'] }, io.env), cache: requests.cache });
    return await report(values, io, { monorepo, config, clients, format, failOn, reportUrl, ...(maxCommits ? { maxCommits } : {}) });
  } finally {
    await requests.save();
  }
}

interface ReportSetup {
  monorepo: string;
  config: EcosystemConfig;
  clients: RepoClients;
  format: (typeof FORMATS)[number];
  failOn: ReturnType<typeof parseFailOn>;
  reportUrl: string | undefined;
  maxCommits?: number;
}

type ReportFlags = { out?: string | undefined; 'dashboard-issue'?: boolean | undefined; state?: string | undefined; 'state-ref'?: string | undefined };

async function report(values: ReportFlags, io: CommandIO, { monorepo, config, clients, format, failOn, reportUrl, maxCommits }: ReportSetup): Promise<number> {
  const status = await readFleetStatus({ config, monorepo, clients, ...(maxCommits ? { maxCommits } : {}) });
  const delivery = await readDeliveryStatus(values, io, monorepo, () => clients.forRepo(monorepo));
  let text = delivery && format === 'json' ? `${JSON.stringify({ ...status, delivery }, null, 2)}\n` : render(status, format);
  if (delivery && (format === 'pretty' || format === 'markdown')) text += `\n${renderDelivery(delivery, format === 'markdown')}`;
  if (values.out !== undefined) await writeReport(resolve(io.cwd, values.out), text);
  else io.stdout.write(text);
  if (format === 'markdown' && values.out === undefined && io.env.GITHUB_STEP_SUMMARY) await appendSummary(io.env.GITHUB_STEP_SUMMARY, text);
  if (values['dashboard-issue']) {
    const render = (ticked: RetryRow[]) => renderDashboard(status, { reportUrl, ticked });
    const outcome = await upsertDashboardIssue(await clients.forRepo(monorepo), monorepo, render).catch((error: unknown) => {
      throw new GitHubError(`cannot keep the dashboard issue: ${explainGitHubError(error, { repo: monorepo, action: 'write the dashboard issue' })}`, (error as { status?: number }).status, { cause: error });
    });
    io.stderr.write(`${outcome.action} dashboard issue #${outcome.number} on ${monorepo}: ${outcome.url}\n`);
  }
  const failed = failedConditions(status.rows, failOn);
  for (const line of failed) io.stderr.write(`ecosystem status: --fail-on ${line}\n`);
  return failed.length > 0 ? 1 : 0;
}

function positiveInteger(raw: string | undefined, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(raw)) throw new UsageError(`--${flag} must be a positive whole number (got ${JSON.stringify(raw)})`);
  return Number(raw);
}

export function render(status: FleetStatus, format: (typeof FORMATS)[number]): string {
  if (format === 'json') return `${JSON.stringify(status, null, 2)}\n`;
  if (format === 'html') return renderHtml(status);
  if (format === 'markdown') return renderMarkdown(status);
  return renderPretty(status);
}

function renderPretty(status: FleetStatus): string {
  const rows = status.rows.map((row) => STATUS_COLUMNS.map((column) => column.text(row)));
  return [
    `Fleet status of ${status.monorepo} (${status.defaultBranch} at ${status.head.slice(0, 12)})`,
    '',
    renderTable(STATUS_COLUMNS.map((c) => c.title), rows),
    '',
    summaryLine(status),
    '',
  ].join('\n');
}

function renderMarkdown(status: FleetStatus): string {
  const rows = status.rows.map((row) =>
    STATUS_COLUMNS.map((column) => {
      const text = escapeMarkdown(column.text(row));
      const link = column.link?.(row, status);
      return link && text !== '-' ? `[${text}](${link})` : text;
    }),
  );
  return [
    `### Fleet status of ${escapeMarkdown(status.monorepo)}`,
    '',
    `Measured against \`${status.defaultBranch}\` at \`${status.head.slice(0, 12)}\`.`,
    '',
    renderMarkdownTable(STATUS_COLUMNS.map((c) => c.title), rows),
    '',
    summaryLine(status),
    '',
  ].join('\n');
}

// Cell text comes from repositories and issue titles: keep it from forming links or HTML.
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`);
}

async function writeReport(file: string, report: string): Promise<void> {
  try {
    await writeFile(file, report);
  } catch (error) {
    throw new UsageError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

export async function appendSummary(file: string, report: string): Promise<void> {
  try {
    await appendFile(file, report);
  } catch (error) {
    throw new UsageError(`cannot append to GITHUB_STEP_SUMMARY ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
