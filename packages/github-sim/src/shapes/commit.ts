import type { CommitMeta, FileChange } from '../bare-repo.js';
import type { RepoRecord } from '../state.js';
import { nodeId, type Urls } from './user.js';

function shortId(sha: string): number {
  return Number.parseInt(sha.slice(0, 8), 16);
}

/** GitHub's `commit`; `files` adds stats and the file list of a single-commit view. */
export function commitShape(urls: Urls, repo: RepoRecord, meta: CommitMeta, files?: FileChange[]): Record<string, unknown> {
  const api = `${urls.api}/repos/${repo.fullName}`;
  const html = `${urls.web}/${repo.fullName}`;
  const shape: Record<string, unknown> = {
    url: `${api}/commits/${meta.sha}`,
    sha: meta.sha,
    node_id: nodeId('C', shortId(meta.sha)),
    html_url: `${html}/commit/${meta.sha}`,
    comments_url: `${api}/commits/${meta.sha}/comments`,
    commit: {
      url: `${api}/git/commits/${meta.sha}`,
      author: { name: meta.authorName, email: meta.authorEmail, date: meta.authorDate },
      committer: { name: meta.committerName, email: meta.committerEmail, date: meta.committerDate },
      message: meta.message,
      comment_count: 0,
      tree: { sha: meta.tree, url: `${api}/git/trees/${meta.tree}` },
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
    },
    // GitHub maps commit emails to accounts; the sim has no such mapping.
    author: null,
    committer: null,
    parents: meta.parents.map((sha) => ({ sha, url: `${api}/commits/${sha}`, html_url: `${html}/commit/${sha}` })),
  };
  if (files) {
    const additions = files.reduce((sum, file) => sum + file.additions, 0);
    const deletions = files.reduce((sum, file) => sum + file.deletions, 0);
    shape.stats = { additions, deletions, total: additions + deletions };
    shape.files = files.map((file) => diffEntry(urls, repo, meta.sha, file));
  }
  return shape;
}

/** GitHub's `diff-entry`. */
export function diffEntry(urls: Urls, repo: RepoRecord, ref: string, file: FileChange): Record<string, unknown> {
  const encoded = file.filename.split('/').map(encodeURIComponent).join('/');
  return {
    sha: file.sha,
    filename: file.filename,
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    changes: file.additions + file.deletions,
    blob_url: `${urls.web}/${repo.fullName}/blob/${ref}/${encoded}`,
    raw_url: `${urls.web}/${repo.fullName}/raw/${ref}/${encoded}`,
    contents_url: `${urls.api}/repos/${repo.fullName}/contents/${encoded}?ref=${ref}`,
    ...(file.previousFilename ? { previous_filename: file.previousFilename } : {}),
  };
}
