import { UsageError } from '@ecosystem-dispatcher/core';

/** How the commands authenticate to GitHub. */
export type GitHubAuth = TokenAuth | AppAuth;

export interface TokenAuth {
  kind: 'token';
  token: string;
  /** Where the token came from (an environment variable name), for messages. */
  source: string;
}

export interface AppAuth {
  kind: 'app';
  appId: string;
  /** PEM (PKCS#1 or PKCS#8). */
  privateKey: string;
  /** Without it the client authenticates as the App itself (JWT), e.g. to find installations. */
  installationId?: number;
}

export interface AuthFlags {
  appId?: string | undefined;
  privateKey?: string | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Picks the credentials, most explicit first:
 * 1. `ECOSYSTEM_TOKEN` — a PAT meant for this tool;
 * 2. a GitHub App (`ECOSYSTEM_APP_ID` + `ECOSYSTEM_APP_PRIVATE_KEY`, or the flags);
 * 3. `GITHUB_TOKEN` — last, because Actions often has it in the environment although it
 *    cannot reach any repository but its own (it can never dispatch to a cousin).
 */
export function resolveAuth(env: Env, flags: AuthFlags = {}): GitHubAuth {
  const explicitToken = nonEmpty(env.ECOSYSTEM_TOKEN);
  if (explicitToken) return { kind: 'token', token: explicitToken, source: 'ECOSYSTEM_TOKEN' };
  const appId = nonEmpty(flags.appId) ?? nonEmpty(env.ECOSYSTEM_APP_ID);
  const privateKey = nonEmpty(flags.privateKey) ?? nonEmpty(env.ECOSYSTEM_APP_PRIVATE_KEY);
  if (appId || privateKey) {
    if (!appId) throw new UsageError('ECOSYSTEM_APP_PRIVATE_KEY is set but ECOSYSTEM_APP_ID is not: a GitHub App needs both');
    if (!privateKey) throw new UsageError('ECOSYSTEM_APP_ID is set but ECOSYSTEM_APP_PRIVATE_KEY is not: a GitHub App needs both');
    if (!/^\d+$/.test(appId)) throw new UsageError(`ECOSYSTEM_APP_ID must be the App's numeric id, got ${JSON.stringify(appId)}`);
    return { kind: 'app', appId, privateKey: normalisePem(privateKey) };
  }
  const actionsToken = nonEmpty(env.GITHUB_TOKEN);
  if (actionsToken) return { kind: 'token', token: actionsToken, source: 'GITHUB_TOKEN' };
  throw new UsageError(
    'no GitHub credentials: set ECOSYSTEM_TOKEN (a PAT with access to the cousins) or ECOSYSTEM_APP_ID + ECOSYSTEM_APP_PRIVATE_KEY (a GitHub App installed on them)',
  );
}

/** Secret stores often flatten a PEM onto one line with literal `\n`. */
function normalisePem(key: string): string {
  return key.includes('\\n') && !key.includes('\n') ? key.replace(/\\n/g, '\n') : key;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** The secrets an auth carries, for masking. */
export function secretsOf(auth: GitHubAuth): string[] {
  return auth.kind === 'token' ? [auth.token] : [auth.privateKey];
}
