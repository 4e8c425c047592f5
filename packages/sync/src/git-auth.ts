/**
 * Git configuration passed in the environment (GIT_CONFIG_COUNT/KEY/VALUE), not as `-c`
 * arguments: argv shows up in process lists and in error messages. The token therefore
 * never appears in argv, in a URL, in a remote or in a log. GitHub accepts the token as
 * the Basic password.
 */
export function gitConfigEnv(entries: readonly (readonly [string, string])[]): Record<string, string> {
  const env: Record<string, string> = { GIT_CONFIG_COUNT: String(entries.length) };
  entries.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = key;
    env[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  return env;
}

export function authHeaderEntries(token: string | undefined): [string, string][] {
  if (!token) return [];
  const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
  return [['http.extraHeader', `Authorization: Basic ${basic}`]];
}

export function gitAuthEnv(token: string | undefined): Record<string, string> {
  return token ? gitConfigEnv(authHeaderEntries(token)) : {};
}

/**
 * For every git call in the cousin: its token, and no hooks. A sync runs no code from the
 * repository it writes to, and a dispatch can never make it run any.
 */
export function cousinGitEnv(token: string | undefined): Record<string, string> {
  return gitConfigEnv([['core.hooksPath', '/dev/null'], ...authHeaderEntries(token)]);
}
