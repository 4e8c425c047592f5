type Env = Readonly<Record<string, string | undefined>>;

/** The Actions run page, from the variables every job has; null outside Actions. */
export function runLinkFrom(env: Env): string | null {
  const server = env.GITHUB_SERVER_URL?.replace(/\/+$/, '');
  const repo = env.GITHUB_REPOSITORY;
  const runId = env.GITHUB_RUN_ID;
  if (!server || !repo || !runId) return null;
  return `${server}/${repo}/actions/runs/${encodeURIComponent(runId)}`;
}
