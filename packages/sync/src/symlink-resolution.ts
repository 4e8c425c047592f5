import { isPathWithin } from '@ecosystem-dispatcher/core';

/** Linux's limit on links followed in one path lookup (MAXSYMLINKS): past it, ELOOP. */
const MAX_LINK_HOPS = 40;

export interface SymlinkEscape {
  link: string;
  target: string;
  reason: string;
}

/**
 * Resolves every symlink of a feature as the operating system would in the cousin's
 * checkout: each step of a target that names another link of the tree follows that link,
 * so a chain of links that each look harmless on their own (`q → ..` repeated, then
 * `p → q/q/q/../../../../etc/passwd`) is seen for where it really goes. A link is kept
 * only when its resolution never leaves the feature, not even on the way, and does not
 * end at the feature's own root (the cousin's layout around the feature is not upstream's).
 * `links` maps each link's path (from the repository root) to its target.
 */
export function findSymlinkEscape(feature: string, links: ReadonlyMap<string, string>): SymlinkEscape | undefined {
  for (const [link, target] of links) {
    const reason = resolutionProblem(feature, link, target, links);
    if (reason) return { link, target, reason };
  }
  return undefined;
}

function resolutionProblem(feature: string, link: string, target: string, links: ReadonlyMap<string, string>): string | undefined {
  const root = feature.split('/').length;
  const at = link.split('/').slice(0, -1);
  let pending = target.split('/');
  let hops = 0;
  if (!isRelativeTarget(target)) return 'is not a relative path';
  while (pending.length > 0) {
    const segment = pending.shift()!;
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (at.length <= root) return 'leaves the feature';
      at.pop();
      continue;
    }
    at.push(segment);
    const next = links.get(at.join('/'));
    if (next === undefined) continue;
    if (++hops > MAX_LINK_HOPS) return `follows more than ${MAX_LINK_HOPS} links (a loop)`;
    if (!isRelativeTarget(next)) return `goes through ${at.join('/')}, which is not a relative link`;
    at.pop();
    pending = [...next.split('/'), ...pending];
  }
  const resolved = at.join('/');
  if (resolved === feature) return 'resolves to the feature folder itself';
  return isPathWithin(resolved, feature) ? undefined : 'leaves the feature';
}

function isRelativeTarget(target: string): boolean {
  return target !== '' && !target.startsWith('/') && !target.includes('\\') && !/^[A-Za-z]:/.test(target);
}
