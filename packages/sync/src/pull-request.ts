import { GitHubError, hardCut, type RepoName } from '@ecosystem-dispatcher/core';
import { explainGitHubError, type Octokit } from '@ecosystem-dispatcher/github';
import { CONFLICT_LABEL, ensureLabels, SYNC_LABELS } from './labels.js';
import { WARNING_ROOM } from './pull-body.js';

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
  /** What GitHub refused on the way without failing the sync (reviewers, assignees, draft). */
  warnings?: string[];
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
   * Brings the PR found open before the push in line with `content`, unless it was merged or
   * closed meanwhile (the caller then opens a successor). No read ahead of the write: the
   * update's answer is the PR as it is now. Should that answer say merged or closed, the
   * title and body found are put back, so a merged PR never keeps describing commits it
   * does not hold, and no label is touched. With no title or body to change, the PR is read.
   */
  async updateIfOpen(pull: SyncPull, content: PullContent): Promise<SyncPull> {
    if (pull.title === content.title && (pull.body ?? '') === content.body) {
      const now = await this.current(pull);
      if (now.state === 'open') await this.reconcile(now, content);
      return now;
    }
    const { data } = await this.call('update the sync pull request', () =>
      this.octokit.rest.pulls.update({ owner: this.repo.owner, repo: this.repo.name, pull_number: pull.number, title: content.title, body: content.body }),
    );
    const now = syncPullOf(data, data.merged);
    if (now.state !== 'open') {
      await this.call('restore the title of the pull request closed meanwhile', () =>
        this.octokit.rest.pulls.update({ owner: this.repo.owner, repo: this.repo.name, pull_number: pull.number, title: pull.title ?? content.title, body: pull.body ?? '' }),
      );
      return now;
    }
    await this.reconcile({ ...now, title: content.title, body: content.body }, content);
    return now;
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
    const warnings: string[] = [];
    const draft = content.conflicted && content.draftOnConflict;
    let created;
    try {
      created = await this.create(branch, base, content, draft);
    } catch (error) {
      // Private repositories of plans without drafts answer 422: a normal PR labelled `conflict` says the same.
      if (!draft || !isDraftRefusal(error)) throw error;
      warnings.push('GitHub refused a draft pull request here (drafts need a public repository or a plan with drafts); opened a normal one labelled `conflict`.');
      created = await this.create(branch, base, content, false);
    }
    const pull = { number: created.data.number, htmlUrl: created.data.html_url, headSha: created.data.head.sha };
    // A pull request just opened has no label yet: nothing to remove.
    await this.addLabels(pull.number, this.wantedLabels(content));
    warnings.push(...(await this.requestReviewers(pull.number, content.reviewers)), ...(await this.assign(pull.number, content.assignees)));
    if (warnings.length > 0) {
      await this.call('note the warnings in the sync pull request', () =>
        this.octokit.rest.pulls.update({ owner: this.repo.owner, repo: this.repo.name, pull_number: pull.number, body: withWarnings(content.body, warnings) }),
      );
    }
    return { ...pull, warnings };
  }

  private create(branch: string, base: string, content: PullContent, draft: boolean) {
    return this.call('open the sync pull request', () =>
      this.octokit.rest.pulls.create({ owner: this.repo.owner, repo: this.repo.name, head: branch, base, title: content.title, body: content.body, draft, maintainer_can_modify: true }),
    );
  }

  /** A 422 (the PR's author, a non-collaborator) is a warning, never a failed sync. */
  private async requestReviewers(number: number, reviewers: readonly string[]): Promise<string[]> {
    if (reviewers.length === 0) return [];
    try {
      await this.call('request reviewers', () => this.octokit.rest.pulls.requestReviewers({ owner: this.repo.owner, repo: this.repo.name, pull_number: number, reviewers: [...reviewers] }));
      return [];
    } catch (error) {
      if ((error as GitHubError).status !== 422) throw error;
      return [`Could not request reviews from ${reviewers.map((login) => `@${login}`).join(', ')}: ${githubMessage(error)}`];
    }
  }

  /** GitHub leaves out, with a 201, whoever cannot be assigned: compare what it kept. */
  private async assign(number: number, assignees: readonly string[]): Promise<string[]> {
    if (assignees.length === 0) return [];
    let kept: string[];
    try {
      const answer = await this.call('assign the pull request', () =>
        this.octokit.rest.issues.addAssignees({ owner: this.repo.owner, repo: this.repo.name, issue_number: number, assignees: [...assignees] }),
      );
      kept = (answer.data.assignees ?? []).map((user) => user.login.toLowerCase());
    } catch (error) {
      if ((error as GitHubError).status !== 422) throw error;
      return [`Could not assign ${assignees.map((login) => `@${login}`).join(', ')}: ${githubMessage(error)}`];
    }
    const missing = assignees.filter((login) => !kept.includes(login.toLowerCase()));
    return missing.length === 0 ? [] : [`Could not assign ${missing.map((login) => `@${login}`).join(', ')}: GitHub only assigns collaborators of ${this.repo.fullName}.`];
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

function isDraftRefusal(error: unknown): boolean {
  return (error as GitHubError).status === 422 && /draft/i.test(githubMessage(error));
}

/** GitHub's own sentence: the first error item's message, else the top-level message. */
function githubMessage(error: unknown): string {
  const data = ((error as { cause?: { response?: { data?: { message?: string; errors?: { message?: string }[] } } } }).cause?.response?.data) ?? {};
  return data.errors?.find((item) => item.message)?.message ?? data.message ?? (error as Error).message;
}

/** The PR body with a warning block, still within GitHub's body limit. */
export function withWarnings(body: string, warnings: readonly string[]): string {
  const block = hardCut(['> [!WARNING]', ...warnings.map((warning) => `> ${warning.replace(/\n/g, ' ')}`)].join('\n'), WARNING_ROOM - 2);
  return `${block}\n\n${body}`;
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
