import { resolve } from 'node:path';
import { readEcosystemConfig } from '@ecosystem-dispatcher/core';
import { apiUrlFrom, RepoClients, resolveAuth } from '@ecosystem-dispatcher/github';
import { runDoctor, type CousinWiring, type DoctorReport } from '@ecosystem-dispatcher/status';
import { oneOf, parseFlags } from '../flags.js';
import type { CommandIO } from '../io.js';
import { renderMarkdownTable, renderTable } from '../table.js';
import { inferMonorepo } from '../monorepo-name.js';
import { appendSummary } from './status.js';

const HELP = `Usage: ecosystem doctor [options]

Checks how every cousin of ecosystem.json is wired, through GET requests only:
  - the repository is reachable, and the token may dispatch to it (Contents: write);
  - a workflow on its default branch listens to repository_dispatch with its event type;
  - its subscriptions.json exists, names this monorepo as upstream, follows every feature
    ecosystem.json sends it, and follows nothing ecosystem.json never sends it;
  - its last repository_dispatch run (Actions runs API) exists and did not fail.
One row per cousin, with the fix in plain words. Cousins with "enabled": false are listed, not checked.

Options:
  --config FILE             ecosystem.json (default ./ecosystem.json)
  --monorepo OWNER/NAME     the monorepo (default $GITHUB_REPOSITORY, else the origin
                            remote of the checkout holding --config)
  --api-url URL             REST API base (default $GITHUB_API_URL or https://api.github.com)
  --format pretty|json|markdown   (default pretty)
  -h, --help                this help
Environment:
  ECOSYSTEM_TOKEN, or ECOSYSTEM_APP_ID + ECOSYSTEM_APP_PRIVATE_KEY, or GITHUB_TOKEN: use the
  token dispatch uses (the dispatch check reads its permission on each cousin), with Actions: read.
  GITHUB_STEP_SUMMARY: markdown is also appended to it.
Exit codes: 0 every cousin is wired right, 1 any finding (or GitHub failed), 2 usage or config error.
`;

const FORMATS = ['pretty', 'json', 'markdown'] as const;
const HEADER = ['COUSIN', 'WIRING', 'FIX'];

export async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parseFlags('doctor', argv, {
    config: { type: 'string', default: 'ecosystem.json' },
    monorepo: { type: 'string' },
    'api-url': { type: 'string' },
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const format = oneOf('doctor', 'format', values.format, FORMATS, 'pretty');
  const monorepo = await inferMonorepo(values.monorepo, values.config, io);
  const config = await readEcosystemConfig(resolve(io.cwd, values.config));
  const clients = new RepoClients(resolveAuth(io.env), { baseUrl: apiUrlFrom({ apiUrl: values['api-url'] }, io.env) });
  const report = await runDoctor({ config, monorepo, clients });
  const text = format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : format === 'markdown' ? renderMarkdown(report) : renderPretty(report);
  io.stdout.write(text);
  if (format === 'markdown' && io.env.GITHUB_STEP_SUMMARY) await appendSummary(io.env.GITHUB_STEP_SUMMARY, text);
  return report.findingCount > 0 ? 1 : 0;
}

/** One row per cousin: its findings (or what is fine), and what to do, each joined into one cell. */
export function wiringCells(row: CousinWiring): string[] {
  if (!row.enabled) return [row.cousin, 'disabled: not checked', '-'];
  if (row.findings.length === 0) return [row.cousin, `ok (event type "${row.eventType}")`, '-'];
  return [row.cousin, row.findings.map((f) => `${f.check}: ${f.problem}`).join('; '), row.findings.map((f) => f.fix).join('; ')];
}

function summary(report: DoctorReport): string {
  const miswired = report.cousins.filter((c) => c.findings.length > 0).length;
  if (miswired === 0) return `All ${report.cousins.length} cousin(s) are wired right.`;
  return `${report.findingCount} finding(s) in ${miswired} of ${report.cousins.length} cousin(s).`;
}

/** A terminal is narrow: the table names what failed, and each finding follows with its fix. */
function renderPretty(report: DoctorReport): string {
  const rows = report.cousins.map((row) => {
    const [cousin, wiring] = wiringCells(row);
    return [cousin!, row.findings.length === 0 ? wiring! : `${row.findings.length} finding(s): ${row.findings.map((f) => f.check).join(', ')}`];
  });
  const details = report.cousins
    .filter((row) => row.findings.length > 0)
    .flatMap((row) => [`${row.cousin}:`, ...row.findings.flatMap((f) => [`  ${f.check}: ${f.problem}`, `    fix: ${f.fix}`])]);
  return [`Wiring of the cousins of ${report.monorepo}`, '', renderTable(['COUSIN', 'WIRING'], rows), '', ...(details.length > 0 ? [...details, ''] : []), summary(report), ''].join('\n');
}

function renderMarkdown(report: DoctorReport): string {
  const escape = (text: string) => text.replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`);
  const rows = report.cousins.map((row) => wiringCells(row).map(escape));
  return [`### Wiring of the cousins of ${escape(report.monorepo)}`, '', renderMarkdownTable(HEADER, rows), '', summary(report), ''].join('\n');
}
