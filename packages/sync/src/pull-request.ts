import { GitHubError, type RepoName } from '@ecosystem-dispatcher/core';
import { explainGitHubError, type Octokit } from '@ecosystem-dispatcher/github';
import { CONFLICT_LABEL, ensureLabels, SYNC_LABELS } from './labels.js';

export interface SyncPull {
  number: number;
  htmlUrl: string;
  headSha: string;
  /** What the PR shows now, when read from GitHub (compared before any write). */
  title?: string;
  body?: string | null;
  labels?: string[];
  state?: string;
  merged?: boolean;
}

type ListedPull = { number: number; html_url: string; head: { sha: string }; title: string; body: string | null; labels: { name?: string }[]; state: string };

function syncPullOf(pull: ListedPull, merged?: boolean): SyncPull {
  return {
    number: pull.number, htmlUrl: pull.html_url, headSha: pull.head.sha, title: pull.title, body: pull.body,
    labels: pull.labels.map((l) => l.name ?? '').filter(Boolean), state: pull.state, ...(merged === undefined ? {} : { merged }),
  };
}

export interface PullContent {
  title: string;
  body: string;
  /** Configured labels beside `automated` and `upstream-sync`. */
  labels: readonly string[];
  conflicted: boolean;
  draftOnConflict: boolean;
  reviewers: readonly string[];
  assignees: readonly string[];
}

/** The cousin's pull requests for one sync branch: find, open, update, close. */
export class SyncPullRequests {
  constructor(
    readonly octokit: Octokit,
    readonly repo: RepoName,
  ) {}

  async findOpen(branch: string): Promise<SyncPull | undefined> {
    const pulls = await this.call('list pull requests', () =>
      this.octokit.rest.pulls.list({ owner: this.repo.owner, repo: this.repo.name, state: 'open', head: `${this.repo.owner}:${branch}`, per_page: 10 }),
    );
    const pull = pulls.data.find((p) => p.head.ref === branch);
    return pull ? syncPullOf(pull) : undefined;
  }

  /** The PR as it is now: it may have been merged or closed since it was found. */
  async current(pull: SyncPull): Promise<SyncPull> {
    const { data } = await this.call('read the sync pull request', () => this.octokit.rest.pulls.get({ owner: this.repo.owner, repo: this.repo.name, pull_number: pull.number }));
    return syncPullOf(data, data.merged);
  }

  /**
   * Makes an open PR show `content`, writing only what differs: a run that stopped after
   * its push (the update answered 500) is repaired by the next one, and a rerun that finds
   * everything in place writes nothing.
   */
  async reconcile(pull: SyncPull, content: PullContent): Promise<boolean> {
    let changed = false;
    if (pull.title !== content.title || (pull.body ?? '') !== content.body) {
      await this.call('update the sync pull request', () =>
        this.octokit.rest.pulls.update({ owner: this.repo.owner, repo: this.repo.name, pull_number: pull.number, title: content.title, body: content.body }),
      );
      changed = true;
    }
    const has = new Set(pull.labels ?? []);
    const wanted = this.wantedLabels(content);
    if (pull.labels === undefined || wanted.some((name) => !has.has(name))) {
      await this.addLabels(pull.number, wanted);
      changed = true;
    }
    if (!content.conflicted && (pull.labels === undefined || has.has(CONFLICT_LABEL))) {
      await this.removeConflictLabel(pull.number);
      changed = true;
    }
    return changed;
  }

  /** The newest sync PR of this branch that was closed without merging, if any. */
  async lastDeclined(branch: string): Promise<SyncPull | undefined> {
    const pulls = await this.call('list pull requests', () =>
      this.octokit.rest.pulls.list({ owner: this.repo.owner, repo: this.repo.name, state: 'closed', head: `${this.repo.owner}:${branch}`, per_page: 20 }),
    );
    const declined = pulls.data.filter((p) => p.head.ref === branch && !p.merged_at).sort((a, b) => b.number - a.number)[0];
    return declined ? { number: declined.number, htmlUrl: declined.html_url, headSha: declined.head.sha } : undefined;
  }

  async open(branch: string, base: string, content: PullContent): Promise<SyncPull> {
    const created = await this.call('open the sync pull request', () =>
      this.octokit.rest.pulls.create({
        owner: this.repo.owner,
        repo: this.repo.name,
        head: branch,
        base,
        title: content.title,
        body: content.body,
        draft: content.conflicted && content.draftOnConflict,
        maintainer_can_modify: true,
      }),
    );
    const pull = { number: created.data.number, htmlUrl: created.data.html_url, headSha: created.data.head.sha };
    await this.label(pull.number, content);
    if (content.reviewers.length > 0) {
      await this.call('request reviewers', () =>
        this.octokit.rest.pulls.requestReviewers({ owner: this.repo.owner, repo: this.repo.name, pull_number: pull.number, reviewers: [...content.reviewers] }),
      );
    }
    if (content.assignees.length > 0) {
      await this.call('assign the pull request', () =>
        this.octokit.rest.issues.addAssignees({ owner: this.repo.owner, repo: this.repo.name, issue_number: pull.number, assignees: [...content.assignees] }),
      );
    }
    return pull;
  }

  async update(pull: SyncPull, content: PullContent): Promise<void> {
    await this.call('update the sync pull request', () =>
      this.octokit.rest.pulls.update({ owner: this.repo.owner, repo: this.repo.name, pull_number: pull.number, title: content.title, body: content.body }),
    );
    await this.label(pull.number, content);
  }

  async close(pull: SyncPull, comment: string): Promise<void> {
    await this.call('comment on the sync pull request', () =>
      this.octokit.rest.issues.createComment({ owner: this.repo.owner, repo: this.repo.name, issue_number: pull.number, body: comment }),
    );
    await this.call('close the sync pull request', () =>
      this.octokit.rest.pulls.update({ owner: this.repo.owner, repo: this.repo.name, pull_number: pull.number, state: 'closed' }),
    );
  }

  private wantedLabels(content: PullContent): string[] {
    return [...SYNC_LABELS, ...content.labels, ...(content.conflicted ? [CONFLICT_LABEL] : [])];
  }

  private async label(number: number, content: PullContent): Promise<void> {
    await this.addLabels(number, this.wantedLabels(content));
    if (!content.conflicted) await this.removeConflictLabel(number);
  }

  private async addLabels(number: number, wanted: string[]): Promise<void> {
    await this.call('create the sync labels', () => ensureLabels(this.octokit, this.repo, wanted));
    await this.call('label the sync pull request', () =>
      this.octokit.rest.issues.addLabels({ owner: this.repo.owner, repo: this.repo.name, issue_number: number, labels: wanted }),
    );
  }

  private async removeConflictLabel(number: number): Promise<void> {
    await this.call('remove the conflict label', async () => {
      try {
        await this.octokit.rest.issues.removeLabel({ owner: this.repo.owner, repo: this.repo.name, issue_number: number, name: CONFLICT_LABEL });
      } catch (error) {
        if ((error as { status?: number }).status !== 404) throw error;
      }
    });
  }

  private async call<T>(action: string, request: () => Promise<T>): Promise<T> {
    return githubCall(this.repo.fullName, action, request);
  }
}

/** Runs one GitHub request; a failure becomes a GitHubError that says what was being done. */
export async function githubCall<T>(repo: string, action: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (error instanceof GitHubError) throw error;
    const status = (error as { status?: number }).status;
    if (status === undefined) throw error;
    throw new GitHubError(`cannot ${action}: ${explainGitHubError(error, { repo, action })}`, status, { cause: error });
  }
}
