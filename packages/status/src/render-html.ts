import { SHORT_SHA, STATUS_COLUMNS, summaryLine } from './columns.js';
import type { FeatureRow, FleetStatus } from './model.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Only web links become hrefs: a `javascript:` URL from an API answer stays text. */
function safeHref(url: string | undefined): string | undefined {
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}

// Inline only: the page is published as one file (Pages, an artifact) and must load no
// external resource. Colours carry meaning twice (class + text), for colour-blind readers.
const STYLE = `
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem;color:#1f2328;background:#fff}
h1{font-size:1.4rem;margin:0 0 .25rem}
p.meta{color:#59636e;margin:.25rem 0 1rem}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #d1d9e0;padding:.4rem .6rem;text-align:left;vertical-align:top}
th{background:#f6f8fa;cursor:pointer;user-select:none;white-space:nowrap}
th[aria-sort=ascending]::after{content:" \\25B2"}
th[aria-sort=descending]::after{content:" \\25BC"}
td.num{text-align:right;font-variant-numeric:tabular-nums}
code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace}
tr.state-up-to-date td.state{color:#1a7f37}
tr.state-behind td.state,td.behind.is-behind{background:#fff8c5}
tr.state-never-synced td.state{color:#59636e}
tr.state-conflict td.state,td.has-conflict{background:#ffebe9;color:#a40e26}
td.state,td.sync-pr,td.synced{white-space:nowrap}
tr.state-failing td.state,td.has-failure{background:#ffebe9}
tr.state-unreachable td{color:#59636e;font-style:italic}
`;

// Sorts the rows by the clicked column's data-sort values; numbers numerically.
const SCRIPT = `
document.querySelectorAll('table.fleet th').forEach(function (th, index) {
  th.addEventListener('click', function () {
    var table = th.closest('table');
    var body = table.tBodies[0];
    var ascending = th.getAttribute('aria-sort') !== 'ascending';
    table.querySelectorAll('th').forEach(function (other) { other.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    var numeric = th.dataset.type === 'number';
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[index].dataset.sort, y = b.cells[index].dataset.sort;
      var order = numeric ? Number(x) - Number(y) : x.localeCompare(y);
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  });
});
`;

/** A single self-contained page: inline CSS and JS, a table sortable by its headers. */
export function renderHtml(status: FleetStatus): string {
  const header = STATUS_COLUMNS.map((c) => `<th scope="col" data-type="${c.numeric ? 'number' : 'text'}">${escapeHtml(c.title)}</th>`).join('');
  const rows = status.rows.map((row) => renderRow(row, status)).join('\n');
  const title = `Fleet status of ${status.monorepo}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="meta">Measured against <code>${escapeHtml(status.defaultBranch)}</code> at <code>${escapeHtml(status.head.slice(0, SHORT_SHA))}</code>, ${escapeHtml(status.generatedAt)}.</p>
<p class="summary">${escapeHtml(summaryLine(status))}</p>
<table class="fleet">
<thead><tr>${header}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function renderRow(row: FeatureRow, status: FleetStatus): string {
  const cells = STATUS_COLUMNS.map((column) => {
    const text = escapeHtml(column.text(row));
    const href = safeHref(column.link?.(row, status));
    const content = href ? `<a href="${escapeHtml(href)}">${text}</a>` : text;
    const classes = [column.title.toLowerCase().replace(/\s+/g, '-'), ...cellFlags(column.title, row)].join(' ');
    return `<td class="${classes}" data-sort="${escapeHtml(String(column.sortValue(row)))}">${content}</td>`;
  });
  return `<tr class="state-${row.state}" data-cousin="${escapeHtml(row.cousin)}" data-feature="${escapeHtml(row.feature)}">${cells.join('')}</tr>`;
}

function cellFlags(title: string, row: FeatureRow): string[] {
  if (title === 'behind') return (row.behind ?? 0) > 0 ? ['num', 'is-behind'] : ['num'];
  if (title === 'sync PR' && row.pull?.conflict) return ['has-conflict'];
  if (title === 'failure' && row.failure) return ['has-failure'];
  return [];
}
