import { behindText, pullText, repoUrl, SHORT_SHA, summaryLine } from './columns.js';
import type { FeatureRow, FleetStatus } from './model.js';
import { byUrgency } from './render-html.js';

/** Finds the dashboard again among the monorepo's issues; never shown (an HTML comment). */
export const DASHBOARD_MARKER = '<!-- ecosystem-dispatcher:fleet-dashboard -->';
export const DASHBOARD_TITLE = 'Fleet dashboard';
/** GitHub refuses longer bodies: "body is too long (maximum is 65536 characters)". */
export const MAX_BODY = 65_536;

/** States a new dispatch can help: the cousin's sync runs again at the monorepo's tip. */
const RETRYABLE = new Set<FeatureRow['state']>(['failing', 'conflict', 'behind', 'never-synced']);

export interface RetryRow {
  cousin: string;
  feature: string;
}

export interface DashboardOptions {
  /** Where the full HTML report is published, linked when rows had to be left out. */
  reportUrl?: string | undefined;
  /** Rows already ticked in the current body stay ticked until a dispatch acts on them. */
  ticked?: readonly RetryRow[];
  maxBody?: number;
}

const RETRY_LINE = /^- \[( |x|X)\] .*<!-- retry (\S+) (\S+) -->\s*$/;

/** The rows a person ticked in the dashboard body. */
export function tickedRows(body: string): RetryRow[] {
  return body.split(/\r?\n/).flatMap((line) => {
    const match = RETRY_LINE.exec(line);
    return match && match[1] !== ' ' ? [{ cousin: decodeURIComponent(match[2]!), feature: decodeURIComponent(match[3]!) }] : [];
  });
}

/** The same body with the given rows unticked, every other byte as it was. */
export function untick(body: string, rows: readonly RetryRow[]): string {
  const keys = new Set(rows.map(retryKey));
  return body
    .split('\n')
    .map((line) => {
      const match = RETRY_LINE.exec(line.replace(/\r$/, ''));
      return match && keys.has(retryKey({ cousin: decodeURIComponent(match[2]!), feature: decodeURIComponent(match[3]!) })) ? line.replace(/^- \[[xX]\]/, '- [ ]') : line;
    })
    .join('\n');
}

function retryKey(row: RetryRow): string {
  return `${row.cousin.toLowerCase()} ${row.feature}`;
}

/** The issue body: summary, the fleet table most urgent first, and a checkbox per retryable row. */
export function renderDashboard(status: FleetStatus, options: DashboardOptions = {}): string {
  const limit = options.maxBody ?? MAX_BODY;
  const ticked = new Set((options.ticked ?? []).map(retryKey));
  const rows = byUrgency(status.rows);
  const head = [
    DASHBOARD_MARKER,
    `Where every cousin of [${escapeMarkdown(status.monorepo)}](${status.monorepoUrl}) stands, measured against \`${status.defaultBranch}\` at \`${status.head.slice(0, SHORT_SHA)}\` (${status.generatedAt}). Kept current by \`ecosystem status --dashboard-issue\`.`,
    '',
    summaryLine(status),
    '',
  ];
  const tableHead = ['| state | cousin | feature | behind | sync PR | checks | failure |', '|---|---|---|---|---|---|---|'];
  const retryHead = ['', '### Re-dispatch', '', 'Tick a row: the next `ecosystem dispatch` run (on push or schedule) sends it to the cousin again and unticks it.', ''];
  const { table, retries, left } = fitRows(rows, { head: [...head, ...tableHead], retryHead, limit, reportUrl: options.reportUrl }, (row) => ({
    line: tableRow(row, status),
    retry: RETRYABLE.has(row.state) ? retryLine(row, ticked.has(retryKey(row))) : undefined,
  }));
  return composeBody({ head: [...head, ...tableHead], retryHead, reportUrl: options.reportUrl }, table, retries, left).join('\n');
}

interface BodyParts {
  head: readonly string[];
  retryHead: readonly string[];
  reportUrl: string | undefined;
}

/** The body's lines: the table, the "left out" line when rows were left out, the checkboxes when any. */
function composeBody(parts: BodyParts, table: readonly string[], retries: readonly string[], left: number): string[] {
  const tail = left > 0 ? ['', omittedLine(left, parts.reportUrl)] : [];
  return [...parts.head, ...table, ...tail, ...(retries.length > 0 ? [...parts.retryHead, ...retries] : []), ''];
}

interface RenderedRow {
  line: string;
  retry: string | undefined;
}

/**
 * The most urgent rows whose body stays within the limit. The body's length is kept as
 * a sum while rows are taken (a joined text is its lines plus one newline after each but
 * the last, empty one), so a fleet of 10,000 costs one pass, not a join per row, and only
 * the rows shown (and a few more) are rendered.
 */
function fitRows(
  rows: readonly FeatureRow[],
  parts: BodyParts & { limit: number },
  render: (row: FeatureRow) => RenderedRow,
): { table: string[]; retries: string[]; left: number } {
  const fixed = lineLength(parts.head);
  const retryHead = lineLength(parts.retryHead);
  const lengthOf = (taken: number, retryLines: number, left: number) =>
    fixed + taken + (left > 0 ? lineLength(['', omittedLine(left, parts.reportUrl)]) : 0) + (retryLines > 0 ? retryHead + retryLines : 0);
  const table: string[] = [];
  const retries: string[] = [];
  let taken = 0;
  let retryLines = 0;
  const take = (row: FeatureRow) => {
    const { line, retry } = render(row);
    table.push(line);
    taken += line.length + 1;
    if (retry) retries.push(retry);
    retryLines += retry ? retry.length + 1 : 0;
  };
  let index = 0;
  let before = { table: 0, retries: 0 };
  for (; index < rows.length; index++) {
    before = { table: table.length, retries: retries.length };
    take(rows[index]!);
    if (lengthOf(taken, retryLines, rows.length - index - 1) > parts.limit) break;
  }
  if (index === rows.length) return { table, retries, left: 0 };
  const shown = { table: table.slice(0, before.table), retries: retries.slice(0, before.retries), left: rows.length - index };
  // The last rows can be shorter than the "left out" line they would replace: all of them may fit.
  while (++index < rows.length && lengthOf(taken, retryLines, 0) <= parts.limit) take(rows[index]!);
  return index === rows.length && lengthOf(taken, retryLines, 0) <= parts.limit ? { table, retries, left: 0 } : shown;
}

/** The length of lines each followed by a newline. */
function lineLength(lines: readonly string[]): number {
  return lines.reduce((total, line) => total + line.length + 1, 0);
}

function omittedLine(count: number, reportUrl: string | undefined): string {
  const where = reportUrl ? `: see [the full report](${reportUrl})` : ': run `ecosystem status --format html` for the full report';
  return `${count} more row(s), less urgent, are left out to stay within GitHub's ${MAX_BODY.toLocaleString('en')}-character limit${where}.`;
}

function tableRow(row: FeatureRow, status: FleetStatus): string {
  const cousinLink = repoUrl(status, row.cousin);
  const cells = [
    `**${row.state}**`,
    cousinLink ? `[${escapeMarkdown(row.cousin)}](${cousinLink})` : escapeMarkdown(row.cousin),
    `\`${row.feature.replace(/`/g, "'")}\``,
    behindText(row),
    row.pull ? `[${escapeMarkdown(pullText(row))}](${row.pull.url})` : '-',
    row.pull?.checks ?? '-',
    row.failure ? `[#${row.failure.number}](${row.failure.url})` : row.problem ? escapeMarkdown(row.problem) : '-',
  ];
  return `| ${cells.map((cell) => cell.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')).join(' | ')} |`;
}

function retryLine(row: FeatureRow, ticked: boolean): string {
  return `- [${ticked ? 'x' : ' '}] \`${row.cousin}\` \`${row.feature.replace(/`/g, "'")}\` (${row.state}) <!-- retry ${encodeURIComponent(row.cousin)} ${encodeURIComponent(row.feature)} -->`;
}

// Cell text comes from repositories and issue titles: keep it from forming links or HTML.
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`);
}
