/**
 * The stable branch name part for a feature: one branch (and one PR) per feature, the
 * same for every dispatch. Slashes become dashes so `features/a` and `features/a/b`
 * never collide as git refs (a ref cannot be both a file and a folder).
 */
export function featureSlug(feature: string): string {
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
