import { randomBytes } from 'node:crypto';
import type { Access, PermissionName, TokenPermissions } from './types.js';

export type PermissionSet = Partial<Record<PermissionName, Access>>;

export interface TokenRecord {
  value: string;
  /** `actions`: a GITHUB_TOKEN-like installation token of one repository. */
  kind: 'admin' | 'pat' | 'installation' | 'actions';
  login: string;
  /** Lower-case full names, or every repository. */
  repos: Set<string> | '*';
  permissions: PermissionSet;
  expiresAt?: number;
  installationId?: number;
  /** Installation tokens only reach repositories of their account. */
  account?: string;
}

// `workflows` is left out: a classic PAT's `repo` scope does not include `workflow`.
const ALL: PermissionName[] = ['contents', 'issues', 'pull_requests', 'metadata', 'actions'];

export function expandPermissions(permissions: TokenPermissions = 'write'): PermissionSet {
  if (permissions === 'read' || permissions === 'write') {
    const set: PermissionSet = {};
    for (const name of ALL) set[name] = name === 'metadata' ? 'read' : permissions;
    return set;
  }
  // Metadata read comes with every fine-grained token, as on GitHub.
  return { metadata: 'read', ...permissions };
}

/** Token values are random per run: nothing secret ever sits in code or fixtures. */
export function newTokenValue(prefix: 'ghp' | 'ghs'): string {
  return `${prefix}_sim${randomBytes(18).toString('base64url')}`;
}

export class TokenStore {
  private readonly tokens = new Map<string, TokenRecord>();

  add(record: TokenRecord): string {
    this.tokens.set(record.value, record);
    return record.value;
  }

  some(predicate: (record: TokenRecord) => boolean): boolean {
    return [...this.tokens.values()].some((record) => (record.expiresAt === undefined || record.expiresAt > Date.now()) && predicate(record));
  }

  lookup(value: string): TokenRecord | undefined {
    const record = this.tokens.get(value);
    if (record?.expiresAt !== undefined && record.expiresAt <= Date.now()) return undefined;
    return record;
  }
}

export function normaliseRepos(repos: string[] | '*'): Set<string> | '*' {
  return repos === '*' ? '*' : new Set(repos.map((repo) => repo.toLowerCase()));
}
