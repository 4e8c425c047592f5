import { BareRepo } from './bare-repo.js';

export interface CommentRecord {
  id: number;
  body: string;
  user: string;
  createdAt: string;
  updatedAt: string;
}

export interface LabelRecord {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface PullFields {
  head: string;
  base: string;
  merged: boolean;
  mergedAt: string | null;
  mergedBy: string | null;
  mergeCommitSha: string | null;
  /** Head tip remembered when the pull closes, so a deleted branch still has a sha. */
  closedHeadSha: string | null;
  /** Head tip as last seen (creation, push, API ref update). */
  lastHeadSha: string | null;
  requestedReviewers: string[];
  draft: boolean;
}

/** Issues and pull requests share one numbering per repository, as on GitHub. */
export interface IssueRecord {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: 'completed' | 'reopened' | 'not_planned' | 'duplicate' | null;
  labels: string[];
  assignees: string[];
  user: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedBy: string | null;
  comments: CommentRecord[];
  pull?: PullFields;
}

export interface RepoRecord {
  id: number;
  owner: string;
  name: string;
  fullName: string;
  private: boolean;
  description: string | null;
  defaultBranch: string;
  createdAt: string;
  pushedAt: string;
  git: BareRepo;
  nextNumber: number;
  issues: Map<number, IssueRecord>;
  /** Keyed by lower-case name: GitHub label names are case-insensitive. */
  labels: Map<string, LabelRecord>;
  /** Lower-case logins of collaborators named at creation (the owner always is one). */
  collaborators: Set<string>;
  /** Whether the repository's plan allows draft pull requests. */
  draftPullRequests: boolean;
  /** Tail of the queue of ref-changing work (pushes, API ref updates, merges). */
  refQueue: Promise<unknown>;
}

export interface UserRecord {
  id: number;
  login: string;
  type: 'User' | 'Organization' | 'Bot';
}

/** All mutable data of one simulator instance except tokens and git objects. */
export class SimState {
  private nextId = 1000;
  readonly repos = new Map<string, RepoRecord>();
  private readonly users = new Map<string, UserRecord>();

  newId(): number {
    this.nextId += 1;
    return this.nextId;
  }

  /** Users spring into existence on first mention; ids stay stable per login. */
  user(login: string, type: UserRecord['type'] = 'User'): UserRecord {
    const key = login.toLowerCase();
    let user = this.users.get(key);
    if (!user) {
      user = { id: this.newId(), login, type: login.endsWith('[bot]') ? 'Bot' : type };
      this.users.set(key, user);
    }
    return user;
  }

  repo(fullName: string): RepoRecord | undefined {
    return this.repos.get(fullName.toLowerCase());
  }

  addRepo(record: RepoRecord): void {
    this.repos.set(record.fullName.toLowerCase(), record);
  }
}

export function nowIso(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Runs ref-changing work one at a time per repository, so the before/after ref
 * snapshots of a push never include another writer's change.
 */
export function withRefLock<T>(repo: RepoRecord, work: () => Promise<T>): Promise<T> {
  const run = repo.refQueue.then(work, work);
  repo.refQueue = run.catch(() => undefined);
  return run;
}
