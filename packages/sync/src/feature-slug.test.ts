import { describe, expect, it } from 'vitest';
import { featureSlug, syncBranchName } from './feature-slug.js';

describe('the sync branch of a feature', () => {
  it('is stable and flat: slashes become dashes', () => {
    expect(syncBranchName('ecosystem/sync/', 'features/webpush/flask')).toBe('ecosystem/sync/features-webpush-flask');
  });
  it('never holds characters git refuses in a ref', () => {
    for (const feature of ['features/a b/c', 'features/x..y', 'features/~^:?*[', 'features/a.lock', '.hidden/x.']) {
      const slug = featureSlug(feature);
      expect(slug, feature).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);
      expect(slug).not.toMatch(/\.\.|\.lock$|[.-]$/);
    }
  });
});
