import type { Octokit } from '@ecosystem-dispatcher/github';

export interface PullSnapshot {
  number: number;
  url: string;
  state: string;
  title: string;
  branch: string;
  headSha: string;
  labels: string[];
  files: string[];
  trailers: Record<string, string>;
}

const TRAILER = /^(Upstream-[A-Za-z]+):\s*(.+)$/gm;

/** The cousin's sync pull requests as GitHub shows them: files, labels and the head commit's trailers. */
export async function syncPulls(octokit: Octokit, repo: string): Promise<PullSnapshot[]> {
  const [owner = '', name = ''] = repo.split('/');
  const pulls = await octokit.paginate(octokit.rest.pulls.list, { owner, repo: name, state: 'all', per_page: 100 });
  const snapshots: PullSnapshot[] = [];
  for (const pull of pulls.filter((p) => p.head.ref.startsWith('ecosystem/sync/'))) {
    const files = await octokit.paginate(octokit.rest.pulls.listFiles, { owner, repo: name, pull_number: pull.number, per_page: 100 });
    const head = await octokit.rest.repos.getCommit({ owner, repo: name, ref: pull.head.sha });
    const trailers: Record<string, string> = {};
    for (const match of head.data.commit.message.matchAll(TRAILER)) trailers[match[1]!] = match[2]!.trim();
    snapshots.push({
      number: pull.number,
      url: pull.html_url,
      state: pull.merged_at ? 'merged' : pull.state,
      title: pull.title,
      branch: pull.head.ref,
      headSha: pull.head.sha,
      labels: pull.labels.map((l) => l.name ?? '').filter(Boolean),
      files: files.map((f) => f.filename),
      trailers,
    });
  }
  return snapshots.sort((a, b) => a.number - b.number);
}

export async function fileAt(octokit: Octokit, repo: string, path: string, ref: string): Promise<string> {
  const [owner = '', name = ''] = repo.split('/');
  const { data } = await octokit.rest.repos.getContent({ owner, repo: name, path, ref });
  if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) throw new Error(`${path} is not a file at ${ref}`);
  return Buffer.from(data.content, 'base64').toString('utf8');
}
