import type { DispatchReport, DispatchResult } from './report.js';

const ICON: Record<DispatchResult['status'], string> = { delivered: '✅ delivered', failed: '❌ failed', skipped: '⏭️ skipped', pending: '⏳ pending' };

/** A GitHub-flavoured markdown table of results; pipes and newlines in cells are escaped. */
export function resultsTable(results: readonly DispatchResult[]): string {
  const { head, rows } = resultsTableParts(results);
  return [head, ...rows].join('\n');
}

/** The table's header lines and its rows apart, so a body can cut the rows to fit. */
export function resultsTableParts(results: readonly DispatchResult[]): { head: string; rows: string[] } {
  const rows = results.map((r) => [r.repo, r.eventType ?? '—', r.features.join(', '), ICON[r.status], r.reason ?? '']);
  const lines = markdownTable(['cousin', 'event', 'features', 'result', 'details'], rows).split('\n');
  return { head: lines.slice(0, 2).join('\n'), rows: lines.slice(2) };
}

/** The step summary: a headline with the counts, then the table. */
export function reportMarkdown(report: DispatchReport, runLink: string | null): string {
  const { delivered, failed, skipped, pending, total } = report.counts;
  const commit = report.head ? ` for \`${report.head.slice(0, 12)}\`${report.sourceRepo ? ` of ${report.sourceRepo}` : ''}` : '';
  const lines = [
    `### Ecosystem dispatch${commit}${report.dryRun ? ' (dry run)' : ''}`,
    '',
    `${delivered} delivered · ${failed} failed · ${skipped} skipped${pending ? ` · ${pending} pending (sent by a later run)` : ''} of ${total}${runLink ? ` · [run](${runLink})` : ''}`,
    '',
  ];
  if (total > 0) lines.push(resultsTable(report.results), '');
  return `${lines.join('\n')}\n`;
}

function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  return [`| ${header.map(cell).join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}
