/**
 * The demo's git: a fixed identity and no system or user configuration, so a signing
 * key, a hook or an alias on the user's machine cannot change what the demo does.
 */
export function demoGitEnv(base: Record<string, string | undefined>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) if (value !== undefined && !key.startsWith('GIT_') && !key.startsWith('GITHUB_') && !key.startsWith('ECOSYSTEM_')) env[key] = value;
  return {
    ...env,
    GIT_AUTHOR_NAME: 'Demo Maintainer',
    GIT_AUTHOR_EMAIL: 'maintainer@example.com',
    GIT_COMMITTER_NAME: 'Demo Maintainer',
    GIT_COMMITTER_EMAIL: 'maintainer@example.com',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
  };
}
