import type { FeatureRow, FleetStatus } from './model.js';

/** One column of the status table, shared by every output format. */
export interface StatusColumn {
  title: string;
  text(row: FeatureRow): string;
  /** Where the cell links to, in formats that can link. */
  link?(row: FeatureRow, status: FleetStatus): string | undefined;
  /** What the column sorts by. */
  sortValue(row: FeatureRow): string | number;
  /** Sort values are numbers. */
  numeric?: true;
}

export const SHORT_SHA = 12;

/** Unknown counts sort after every known one. */
const UNKNOWN = Number.MAX_SAFE_INTEGER;

export function behindText(row: FeatureRow): string {
  if (row.behind === undefined) return row.problem !== undefined || !row.synced ? '-' : '?';
  return `${row.behindApproximate ? '~' : ''}${row.behind}`;
}

export function pullText(row: FeatureRow): string {
  if (!row.pull) return '-';
  const flags = [row.pull.conflict ? 'conflict' : '', row.pull.draft ? 'draft' : ''].filter(Boolean);
  return `#${row.pull.number}${flags.length ? ` (${flags.join(', ')})` : ''}`;
}

export const STATUS_COLUMNS: readonly StatusColumn[] = [
  { title: 'cousin', text: (row) => row.cousin, sortValue: (row) => row.cousin.toLowerCase() },
  { title: 'feature', text: (row) => row.feature, sortValue: (row) => row.feature },
  { title: 'state', text: (row) => row.state, sortValue: (row) => STATE_ORDER.indexOf(row.state), numeric: true },
  {
    title: 'synced',
    text: (row) => row.synced?.upstreamCommit.slice(0, SHORT_SHA) ?? (row.problem !== undefined || row.state === 'disabled' ? '-' : 'never'),
    link: (row, status) => (row.synced ? `${status.monorepoUrl}/commit/${row.synced.upstreamCommit}` : undefined),
    sortValue: (row) => row.synced?.date ?? '',
  },
  { title: 'behind', text: behindText, sortValue: (row) => row.behind ?? UNKNOWN, numeric: true },
  { title: 'sync PR', text: pullText, link: (row) => row.pull?.url, sortValue: (row) => row.pull?.number ?? UNKNOWN, numeric: true },
  { title: 'checks', text: (row) => row.pull?.checks ?? '-', sortValue: (row) => CHECKS_ORDER.indexOf(row.pull?.checks ?? '-'), numeric: true },
  { title: 'failure', text: (row) => (row.failure ? `#${row.failure.number}` : '-'), link: (row) => row.failure?.url, sortValue: (row) => row.failure?.number ?? UNKNOWN, numeric: true },
  { title: 'note', text: (row) => row.problem ?? row.note ?? '', sortValue: (row) => row.problem ?? row.note ?? '' },
];

/** A repository's web page on the monorepo's GitHub (github.com or a GHES host). */
export function repoUrl(status: Pick<FleetStatus, 'monorepo' | 'monorepoUrl'>, repo: string): string | undefined {
  const suffix = `/${status.monorepo}`;
  return status.monorepoUrl.endsWith(suffix) ? `${status.monorepoUrl.slice(0, -suffix.length)}/${repo}` : undefined;
}

/** The feature's folder on the monorepo's default branch; a glob has no page. */
export function featureUrl(status: Pick<FleetStatus, 'monorepoUrl' | 'defaultBranch'>, feature: string): string | undefined {
  if (/[*?[\]{}!]/.test(feature)) return undefined;
  return `${status.monorepoUrl}/tree/${[status.defaultBranch, ...feature.split('/')].map(encodeURIComponent).join('/')}`;
}

/** Checks of the sync PR, most urgent first; '-' (no PR) last. */
const CHECKS_ORDER = ['failing', 'pending', 'passing', 'none', '-'];

/** Most urgent first. */
export const STATE_ORDER = ['unreachable', 'conflict', 'failing', 'behind', 'never-synced', 'up-to-date', 'disabled'] as const;

export function summaryLine(status: FleetStatus): string {
  const t = status.totals;
  return `${t.rows} cousin feature(s): ${t.upToDate} up to date, ${t.behind} behind, ${t.conflicts} with conflicts, ${t.failures} with a failure issue, ${t.neverSynced} never synced, ${t.unreachable} unreachable${t.disabled ? `, ${t.disabled} disabled` : ''}; ${t.openPulls} open sync PR(s).`;
}
