import { createHash } from 'node:crypto';

/**
 * The stable branch name part for a feature: one branch (and one PR) per feature, the
 * same for every dispatch. Slashes become dashes so `features/a` and `features/a/b`
 * never collide as git refs (a ref cannot be both a file and a folder). When that is not
 * the only change (the path has its own dashes or characters a ref cannot hold), a short
 * hash of the path keeps two features apart: `features/a-b` and `features/a/b` would
 * otherwise share one branch.
 */
export function featureSlug(feature: string): string {
  const readable = readableSlug(feature);
  if (!feature.includes('-') && readable === feature.replaceAll('/', '-')) return readable;
  return `${readable}-${createHash('sha256').update(feature).digest('hex').slice(0, 8)}`;
}

function readableSlug(feature: string): string {
  const slug = feature
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .replace(/\.lock$/i, '-lock');
  return slug || 'root';
}

export function syncBranchName(prefix: string, feature: string): string {
  return `${prefix}${featureSlug(feature)}`;
}
