import type { IssueRecord, LabelRecord, PullFields, RepoRecord, SimState } from './state.js';
import { nowIso } from './state.js';

export interface NewIssue {
  title: string;
  body: string | null;
  user: string;
  labels?: string[];
  assignees?: string[];
  pull?: PullFields;
}

/** Issues and pull requests draw from the same counter, as on GitHub. */
export function openIssue(state: SimState, repo: RepoRecord, fields: NewIssue): IssueRecord {
  const now = nowIso();
  const issue: IssueRecord = {
    id: state.newId(),
    number: repo.nextNumber,
    title: fields.title,
    body: fields.body,
    state: 'open',
    stateReason: null,
    labels: ensureLabels(state, repo, fields.labels ?? []),
    assignees: fields.assignees ?? [],
    user: fields.user,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    closedBy: null,
    comments: [],
    ...(fields.pull ? { pull: fields.pull } : {}),
  };
  repo.nextNumber += 1;
  repo.issues.set(issue.number, issue);
  return issue;
}

/** GitHub creates a label on first use on an issue; names keep their first spelling. */
export function ensureLabels(state: SimState, repo: RepoRecord, names: string[]): string[] {
  const result: string[] = [];
  for (const name of names) {
    let label = repo.labels.get(name.toLowerCase());
    if (!label) label = addLabel(state, repo, name, 'ededed', null);
    if (!result.includes(label.name)) result.push(label.name);
  }
  return result;
}

export function addLabel(state: SimState, repo: RepoRecord, name: string, color: string, description: string | null): LabelRecord {
  const label: LabelRecord = { id: state.newId(), name, color, description };
  repo.labels.set(name.toLowerCase(), label);
  return label;
}

/** Label arguments arrive as names or as `{ name }` objects. */
export function labelNames(values: unknown[]): string[] {
  return values.map((value) => (typeof value === 'string' ? value : String((value as { name?: unknown }).name ?? '')));
}

export function setState(issue: IssueRecord, state: 'open' | 'closed', by: string, reason?: IssueRecord['stateReason']): void {
  if (issue.state === state) return;
  const now = nowIso();
  issue.state = state;
  issue.updatedAt = now;
  if (state === 'closed') {
    issue.closedAt = now;
    issue.closedBy = by;
    issue.stateReason = reason ?? 'completed';
  } else {
    issue.closedAt = null;
    issue.closedBy = null;
    issue.stateReason = 'reopened';
  }
}
