import { createHash } from 'node:crypto';
import { featureUrl, repoUrl, SHORT_SHA, STATE_ORDER, STATUS_COLUMNS, summaryLine } from './columns.js';
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
// external resource. Colours carry meaning twice (class + text), for colour-blind readers;
// the states that need a person (unreachable, conflict, failing) are the loudest.
const STYLE = `
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem;color:#1f2328;background:#fff}
h1{font-size:1.4rem;margin:0 0 .25rem;overflow-wrap:anywhere}
p.meta{color:#59636e;margin:.25rem 0 1rem}
.filter{margin:0 0 .75rem}
.filter input{font:inherit;padding:.3rem .5rem;width:18rem;max-width:100%;box-sizing:border-box}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #d1d9e0;padding:.4rem .6rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#f6f8fa;white-space:nowrap;padding:0}
th button{font:inherit;font-weight:600;border:0;background:none;padding:.4rem .6rem;cursor:pointer;color:inherit;width:100%;text-align:left}
th button:focus-visible{outline:2px solid #0969da;outline-offset:-2px}
th[aria-sort=ascending] button::after{content:" \\25B2"}
th[aria-sort=descending] button::after{content:" \\25BC"}
td.num{text-align:right;font-variant-numeric:tabular-nums}
code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace}
a{color:#0969da}
tr.state-up-to-date td.state{color:#1a7f37}
tr.state-behind td.state,td.behind.is-behind{background:#fff8c5}
tr.state-never-synced td.state{color:#59636e}
tr.state-disabled td{color:#59636e}
tr.state-unreachable td.state,tr.state-conflict td.state,tr.state-failing td.state{background:#cf222e;color:#fff;font-weight:600}
tr.state-unreachable td:first-child,tr.state-conflict td:first-child,tr.state-failing td:first-child{box-shadow:inset 4px 0 #cf222e}
td.has-conflict,td.has-failure{background:#ffebe9;color:#a40e26}
td.state,td.sync-pr,td.synced{white-space:nowrap}
@media (max-width:640px){
body{margin:1rem}
table.fleet,table.fleet tbody,table.fleet tr,table.fleet td{display:block}
table.fleet thead{display:block}
table.fleet thead tr{display:flex;flex-wrap:wrap;gap:.25rem}
table.fleet thead th{border:1px solid #d1d9e0;border-radius:6px}
table.fleet tbody tr{border:1px solid #d1d9e0;border-radius:6px;margin:.5rem 0;padding:.25rem .5rem}
table.fleet td{border:0;padding:.15rem 0;text-align:left;white-space:normal}
table.fleet td::before{content:attr(data-label) ": ";font-weight:600;color:#59636e}
table.fleet tr.state-unreachable td.state::before,table.fleet tr.state-conflict td.state::before,table.fleet tr.state-failing td.state::before{color:inherit}
table.fleet tr.state-unreachable,table.fleet tr.state-conflict,table.fleet tr.state-failing{border-left:4px solid #cf222e}
table.fleet tr td:first-child{box-shadow:none}
}
`;

// Header buttons sort by the column's data-sort values (numbers numerically); Enter and
// Space work because they are buttons. The filter keeps rows holding every typed word.
const SCRIPT = `
var table = document.querySelector('table.fleet');
var body = table.tBodies[0];
table.querySelectorAll('thead th').forEach(function (th, index) {
  th.querySelector('button').addEventListener('click', function () {
    var ascending = th.getAttribute('aria-sort') !== 'ascending';
    table.querySelectorAll('thead th').forEach(function (other) { other.removeAttribute('aria-sort'); });
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
var filter = document.getElementById('filter');
var shown = document.getElementById('shown');
filter.addEventListener('input', function () {
  var words = filter.value.toLowerCase().split(/\\s+/).filter(Boolean);
  var count = 0;
  Array.prototype.forEach.call(body.rows, function (row) {
    var text = row.textContent.toLowerCase();
    var match = words.every(function (word) { return text.indexOf(word) !== -1; });
    row.hidden = !match;
    if (match) count++;
  });
  shown.textContent = words.length ? count + ' of ' + body.rows.length + ' rows shown' : '';
});
`;

/** CSP source for one inline block: the page stays strict without 'unsafe-inline'. */
function hashSource(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

export const CONTENT_SECURITY_POLICY = `default-src 'none'; style-src ${hashSource(STYLE)}; script-src ${hashSource(SCRIPT)}; base-uri 'none'; form-action 'none'`;

/** A single self-contained page: the fleet table, most urgent first, sortable and filterable. */
export function renderHtml(status: FleetStatus): string {
  const header = STATUS_COLUMNS.map((c) => {
    const sorted = c.title === 'state' ? ' aria-sort="ascending"' : '';
    return `<th scope="col" data-type="${c.numeric ? 'number' : 'text'}"${sorted}><button type="button">${escapeHtml(c.title)}</button></th>`;
  }).join('');
  const rows = byUrgency(status.rows).map((row) => renderRow(row, status)).join('\n');
  const title = `Fleet status of ${status.monorepo}`;
  const monorepoLink = safeHref(status.monorepoUrl);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="meta">Measured against <code>${escapeHtml(status.defaultBranch)}</code> at <code>${escapeHtml(status.head.slice(0, SHORT_SHA))}</code> of ${monorepoLink ? `<a href="${escapeHtml(monorepoLink)}">${escapeHtml(status.monorepo)}</a>` : escapeHtml(status.monorepo)}, ${escapeHtml(status.generatedAt)}.</p>
<p class="summary">${escapeHtml(summaryLine(status))}</p>
<p class="filter"><label for="filter">Filter </label><input id="filter" type="search" placeholder="cousin, feature, state…" autocomplete="off"> <span id="shown" aria-live="polite"></span></p>
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

/** Most urgent state first; the order of the config within a state. */
export function byUrgency(rows: readonly FeatureRow[]): FeatureRow[] {
  return [...rows].sort((a, b) => STATE_ORDER.indexOf(a.state) - STATE_ORDER.indexOf(b.state));
}

function renderRow(row: FeatureRow, status: FleetStatus): string {
  const cells = STATUS_COLUMNS.map((column) => {
    const text = escapeHtml(column.text(row));
    const href = safeHref(cellLink(column.title, row, status) ?? column.link?.(row, status));
    const content = href && text !== '-' ? `<a href="${escapeHtml(href)}">${text}</a>` : text;
    const classes = [column.title.toLowerCase().replace(/\s+/g, '-'), ...cellFlags(column.title, row)].join(' ');
    return `<td class="${classes}" data-label="${escapeHtml(column.title)}" data-sort="${escapeHtml(String(column.sortValue(row)))}">${content}</td>`;
  });
  return `<tr class="state-${row.state}" data-cousin="${escapeHtml(row.cousin)}" data-feature="${escapeHtml(row.feature)}">${cells.join('')}</tr>`;
}

/** The cousin and feature names link to the repository and to the feature's folder. */
function cellLink(title: string, row: FeatureRow, status: FleetStatus): string | undefined {
  if (title === 'cousin') return repoUrl(status, row.cousin);
  if (title === 'feature') return featureUrl(status, row.feature);
  return undefined;
}

function cellFlags(title: string, row: FeatureRow): string[] {
  if (title === 'behind') return (row.behind ?? 0) > 0 ? ['num', 'is-behind'] : ['num'];
  if (title === 'sync PR' && row.pull?.conflict) return ['has-conflict'];
  if (title === 'failure' && row.failure) return ['has-failure'];
  return [];
}
