/** What a `uses:` value points at, as far as pinning is concerned. */
export type ActionReference =
  | { kind: 'local' }
  | { kind: 'docker'; pinned: boolean }
  | { kind: 'expression' }
  | { kind: 'remote'; repository: string; ref: string | undefined; pinned: boolean };

const COMMIT_SHA = /^[0-9a-f]{40}$/i;
const DOCKER_DIGEST = /@sha256:[0-9a-f]{64}$/i;

export function parseActionReference(uses: string): ActionReference {
  const value = uses.trim();
  if (value.startsWith('./')) return { kind: 'local' };
  if (value.startsWith('docker://')) return { kind: 'docker', pinned: DOCKER_DIGEST.test(value) };
  if (value.includes('${{')) return { kind: 'expression' };
  const at = value.lastIndexOf('@');
  const target = at < 0 ? value : value.slice(0, at);
  const ref = at < 0 ? undefined : value.slice(at + 1);
  const repository = target.split('/').slice(0, 2).join('/');
  return { kind: 'remote', repository, ref, pinned: ref !== undefined && COMMIT_SHA.test(ref) };
}

/** `trusted` holds `owner` or `owner/repo` names, compared case-insensitively like GitHub does. */
export function isTrustedRepository(repository: string, trusted: readonly string[] = []): boolean {
  const name = repository.toLowerCase();
  const owner = name.split('/')[0];
  return trusted.some((entry) => {
    const candidate = entry.toLowerCase();
    return candidate.includes('/') ? candidate === name : candidate === owner;
  });
}
