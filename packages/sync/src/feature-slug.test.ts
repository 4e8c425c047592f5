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
  it('keeps two features apart even when their readable names agree', () => {
    const names = ['features/a-b', 'features/a/b', 'features/a b', 'features/a--b'].map(featureSlug);
    expect(new Set(names).size).toBe(4);
    expect(featureSlug('features/a/b')).toBe('features-a-b');
    expect(featureSlug('features/cms/supabase/flask-implementation')).toMatch(/^features-cms-supabase-flask-implementation-[0-9a-f]{8}$/);
  });
});
