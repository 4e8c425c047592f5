/** What `ecosystem status` knows about one feature of one cousin. */
export type RowState = 'unreachable' | 'conflict' | 'failing' | 'behind' | 'never-synced' | 'up-to-date' | 'disabled';

export type PullChecks = 'passing' | 'failing' | 'pending' | 'none';

export interface SyncedCommit {
  /** The monorepo commit named by the `Upstream-Commit:` trailer. */
  upstreamCommit: string;
  /** The cousin commit that carries the trailer. */
  cousinCommit: string;
  /** Committer date of the cousin commit. */
  date: string | undefined;
}

export interface SyncPullInfo {
  number: number;
  url: string;
  draft: boolean;
  /** Labelled `conflict`, or GitHub reports it cannot be merged. */
  conflict: boolean;
  /** The upstream commit the PR brings in (its newest sync commit), when found. */
  upstreamCommit: string | undefined;
  /** The cousin's own CI on the PR head (commit statuses and check runs): the compatibility check. */
  checks?: PullChecks | undefined;
}

export interface FailureIssueInfo {
  number: number;
  url: string;
  title: string;
  updatedAt: string;
}

export interface FeatureRow {
  cousin: string;
  feature: string;
  state: RowState;
  /** Why the cousin could not be read (state `unreachable`). */
  problem?: string | undefined;
  /** Something worth knowing that does not stop the row (e.g. the synced commit is gone upstream). */
  note?: string | undefined;
  synced?: SyncedCommit | undefined;
  /** Monorepo commits since the synced one that touch the feature's path; undefined when unknown. */
  behind?: number | undefined;
  /** True when `behind` counts a glob's base folder or a commit range too long to list exactly. */
  behindApproximate?: boolean | undefined;
  pull?: SyncPullInfo | undefined;
  failure?: FailureIssueInfo | undefined;
}

export interface FleetTotals {
  rows: number;
  upToDate: number;
  behind: number;
  conflicts: number;
  failures: number;
  unreachable: number;
  neverSynced: number;
  /** Rows of cousins with `enabled: false`: not read, never dispatched to. */
  disabled: number;
  openPulls: number;
}

export interface FleetStatus {
  monorepo: string;
  /** The monorepo's web address, for commit links. */
  monorepoUrl: string;
  defaultBranch: string;
  /** The monorepo commit every count is measured against. */
  head: string;
  generatedAt: string;
  rows: FeatureRow[];
  totals: FleetTotals;
}

/** The one word a row is sorted and coloured by; the most urgent fact wins. */
export function rowState(row: Omit<FeatureRow, 'state'>): RowState {
  if (row.problem !== undefined) return 'unreachable';
  if (row.pull?.conflict) return 'conflict';
  if (row.failure) return 'failing';
  if (!row.synced) return 'never-synced';
  if ((row.behind ?? 0) > 0) return 'behind';
  return 'up-to-date';
}

export function totalsOf(rows: readonly FeatureRow[]): FleetTotals {
  return {
    rows: rows.length,
    upToDate: rows.filter((r) => r.state === 'up-to-date').length,
    behind: rows.filter((r) => (r.behind ?? 0) > 0).length,
    conflicts: rows.filter((r) => r.pull?.conflict).length,
    failures: rows.filter((r) => r.failure).length,
    unreachable: rows.filter((r) => r.state === 'unreachable').length,
    neverSynced: rows.filter((r) => r.problem === undefined && r.state !== 'disabled' && !r.synced).length,
    disabled: rows.filter((r) => r.state === 'disabled').length,
    openPulls: rows.filter((r) => r.pull).length,
  };
}
