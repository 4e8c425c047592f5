import { ApiError, notFound } from '../api-error.js';
import type { RequestContext } from '../context.js';
import { paginate } from '../pagination.js';
import { defineRoute, type Route } from '../router.js';
import { commitShape, diffEntry } from '../shapes/commit.js';
import type { CommitMeta } from '../bare-repo.js';
import type { RepoRecord } from '../state.js';
import { repoFromParams, urlsOf } from './access.js';

// GitHub's compare view lists at most 250 commits and 300 files.
const MAX_COMPARE_COMMITS = 250;
const MAX_COMPARE_FILES = 300;

async function ensureNotEmpty(repo: RepoRecord): Promise<void> {
  if ((await repo.git.listRefs('refs/heads/')).length === 0) throw new ApiError(409, 'Git Repository is empty.');
}

async function listCommits(ctx: RequestContext) {
  const repo = repoFromParams(ctx, 'contents', 'read');
  await ensureNotEmpty(repo);
  const start = ctx.query.get('sha') ?? repo.defaultBranch;
  const tip = await repo.git.resolveCommit(start);
  if (!tip) throw notFound();
  const options = {
    ...(ctx.query.get('path') ? { path: ctx.query.get('path')! } : {}),
    ...(ctx.query.get('since') ? { since: ctx.query.get('since')! } : {}),
    ...(ctx.query.get('until') ? { until: ctx.query.get('until')! } : {}),
  };
  const { items, headers } = paginate(ctx, await repo.git.log([tip], options));
  return { status: 200, body: items.map((meta) => commitShape(urlsOf(ctx), repo, meta)), headers };
}

async function getCommit(ctx: RequestContext) {
  const repo = repoFromParams(ctx, 'contents', 'read');
  await ensureNotEmpty(repo);
  const sha = await repo.git.resolveCommit(ctx.params.ref!);
  if (!sha) throw new ApiError(422, `No commit found for SHA: ${ctx.params.ref}`);
  const meta = await repo.git.commitMeta(sha);
  const files = await repo.git.changedFiles(meta.parents[0], sha);
  return { status: 200, body: commitShape(urlsOf(ctx), repo, meta, files) };
}

/** `owner:branch` names a branch of a fork on GitHub; the sim only knows the repository's own. */
function sameRepoRef(repo: RepoRecord, side: string): string {
  const colon = side.indexOf(':');
  if (colon === -1) return side;
  if (side.slice(0, colon).toLowerCase() !== repo.owner.toLowerCase()) throw notFound();
  return side.slice(colon + 1);
}

function comparisonStatus(aheadBy: number, behindBy: number): string {
  if (aheadBy === 0 && behindBy === 0) return 'identical';
  if (behindBy === 0) return 'ahead';
  if (aheadBy === 0) return 'behind';
  return 'diverged';
}

/**
 * Unpaged, compare lists at most 250 commits. With `per_page` or `page` it pages every
 * commit in chronological order, with a Link header, and lists files on page 1 only.
 * https://docs.github.com/rest/commits/commits#compare-two-commits
 */
async function comparePage(ctx: RequestContext, repo: RepoRecord, base: string, head: string): Promise<{ commits: CommitMeta[]; withFiles: boolean; headers: Record<string, string> }> {
  if (!ctx.query.has('per_page') && !ctx.query.has('page')) {
    return { commits: (await repo.git.log([head], { exclude: [base], limit: MAX_COMPARE_COMMITS })).reverse(), withFiles: true, headers: {} };
  }
  const all = (await repo.git.log([head], { exclude: [base] })).reverse();
  const { items, headers } = paginate(ctx, all);
  return { commits: items, withFiles: (Number(ctx.query.get('page')) || 1) <= 1, headers };
}

async function compare(ctx: RequestContext) {
  const repo = repoFromParams(ctx, 'contents', 'read');
  const [baseSide, headSide] = ctx.params.basehead!.split('...');
  if (baseSide === undefined || headSide === undefined) throw notFound();
  const baseName = sameRepoRef(repo, baseSide);
  const headName = sameRepoRef(repo, headSide);
  const base = await repo.git.resolveCommit(baseName);
  const head = await repo.git.resolveCommit(headName);
  if (!base || !head) throw notFound();
  const mergeBase = await repo.git.mergeBase(base, head);
  if (!mergeBase) throw notFound();
  const aheadBy = await repo.git.countCommits(`${base}..${head}`);
  const behindBy = await repo.git.countCommits(`${head}..${base}`);
  const urls = urlsOf(ctx);
  const page = await comparePage(ctx, repo, base, head);
  const files = page.withFiles ? (await repo.git.changedFiles(mergeBase, head)).slice(0, MAX_COMPARE_FILES) : [];
  const html = `${urls.web}/${repo.fullName}/compare/${baseName}...${headName}`;
  return {
    status: 200,
    headers: page.headers,
    body: {
      url: `${urls.api}/repos/${repo.fullName}/compare/${baseName}...${headName}`,
      html_url: html,
      permalink_url: `${urls.web}/${repo.fullName}/compare/${base}...${head}`,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      base_commit: commitShape(urls, repo, await repo.git.commitMeta(base)),
      merge_base_commit: commitShape(urls, repo, await repo.git.commitMeta(mergeBase)),
      status: comparisonStatus(aheadBy, behindBy),
      ahead_by: aheadBy,
      behind_by: behindBy,
      total_commits: aheadBy,
      commits: page.commits.map((meta) => commitShape(urls, repo, meta)),
      files: files.map((file) => diffEntry(urls, repo, head, file)),
    },
  };
}

export const commitRoutes: Route[] = [
  defineRoute('GET', '/repos/{owner}/{repo}/commits', listCommits),
  defineRoute('GET', '/repos/{owner}/{repo}/commits/{ref+}', getCommit),
  defineRoute('GET', '/repos/{owner}/{repo}/compare/{basehead+}', compare),
];
