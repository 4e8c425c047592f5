import { describe, expect, it } from 'vitest';
import type { ChangedFile } from './changed-file.js';
import { parseEcosystemConfig } from './ecosystem-config.js';
import { matchSubscriptions } from './subscription-index.js';

const modified = (...paths: string[]): ChangedFile[] => paths.map((path) => ({ status: 'M', path }));

function match(cousins: unknown, files: ChangedFile[]) {
  const config = parseEcosystemConfig(JSON.stringify(cousins), 'ecosystem.json');
  return matchSubscriptions(config, files).map((m) => ({ repo: m.cousin.repo, features: m.features, files: m.files }));
}

describe('a directory subscription', () => {
  const cousins = [{ repo: 'a/flask', subscriptions: ['features/webpush/flask'] }];

  it('matches files under it', () => {
    expect(match(cousins, modified('features/webpush/flask/app/x.py'))).toEqual([
      { repo: 'a/flask', features: ['features/webpush/flask'], files: ['features/webpush/flask/app/x.py'] },
    ]);
  });

  it('does not match a sibling with the same prefix', () => {
    expect(match(cousins, modified('features/webpush/flask-v2/x.py', 'features/webpush/flaskx'))).toEqual([]);
  });

  it('is case-sensitive', () => {
    expect(match(cousins, modified('features/webpush/Flask/x.py'))).toEqual([]);
  });

  it('ignores a trailing slash in the subscription', () => {
    expect(match([{ repo: 'a/b', subscriptions: ['features/webpush/flask/'] }], modified('features/webpush/flask/x'))).toHaveLength(1);
  });
});

describe('an exact file subscription', () => {
  it('matches that file only', () => {
    const cousins = [{ repo: 'a/b', subscriptions: ['features/pwa/vanilla/sw.js'] }];
    expect(match(cousins, modified('features/pwa/vanilla/sw.js'))).toHaveLength(1);
    expect(match(cousins, modified('features/pwa/vanilla/sw.jsx', 'features/pwa/vanilla/index.html'))).toEqual([]);
  });
});

describe('a glob subscription', () => {
  const cousins = [{ repo: 'a/b', subscriptions: ['features/*/flask/**'] }];

  it('matches through picomatch, and names the concrete folder its segments select as the feature', () => {
    expect(match(cousins, modified('features/webpush/flask/app/x.py', 'features/webpush/react/x.ts'))).toEqual([
      { repo: 'a/b', features: ['features/webpush/flask'], files: ['features/webpush/flask/app/x.py'] },
    ]);
  });

  it('sends one feature per concrete folder, sorted, never a glob', () => {
    const result = match(cousins, modified('features/webpush/flask/x.py', 'features/cms/flask/y.py', 'features/webpush/flask/z.py'));
    expect(result[0]?.features).toEqual(['features/cms/flask', 'features/webpush/flask']);
  });

  it('without ** names the folder before its last segment', () => {
    expect(match([{ repo: 'a/b', subscriptions: ['features/*/flask/*.py'] }], modified('features/pwa/flask/app.py'))[0]?.features).toEqual(['features/pwa/flask']);
  });

  it('with no folder part names the top-level folder of each file, or a root file itself', () => {
    const result = match([{ repo: 'a/b', subscriptions: ['**/*.sql'] }], modified('db/migrations/001.sql', 'db/seed.sql', 'schema.sql'));
    expect(result[0]?.features).toEqual(['db', 'schema.sql']);
  });

  it('that also names a path literally sends that path', () => {
    const result = match([{ repo: 'a/b', subscriptions: ['features/*/flask/**', 'features/webpush/flask'] }], modified('features/webpush/flask/x.py'));
    expect(result[0]?.features).toEqual(['features/webpush/flask']);
  });

  it('matches dotfiles', () => {
    expect(match(cousins, modified('features/webpush/flask/.env'))).toHaveLength(1);
  });

  it('with no static base is tried on every path', () => {
    expect(match([{ repo: 'a/b', subscriptions: ['**/*.sql'] }], modified('db/x.sql', 'a/b/c/.hidden.sql', 'x.py'))[0]?.files).toEqual(['a/b/c/.hidden.sql', 'db/x.sql']);
  });
});

describe('exclusions', () => {
  it('remove matches', () => {
    const cousins = [{ repo: 'a/b', subscriptions: ['features/webpush/flask', '!features/webpush/flask/docs/**'] }];
    expect(match(cousins, modified('features/webpush/flask/docs/a.md', 'features/webpush/flask/app.py'))[0]?.files).toEqual(['features/webpush/flask/app.py']);
  });

  it('leave a cousin whose only matches are excluded with nothing', () => {
    const cousins = [{ repo: 'a/b', subscriptions: ['features/webpush/flask', '!features/webpush/flask/docs'] }];
    expect(match(cousins, modified('features/webpush/flask/docs/a.md'))).toEqual([]);
  });

  it('apply only to their own cousin', () => {
    const cousins = [
      { repo: 'a/one', subscriptions: ['features/x', '!features/x/docs/**'] },
      { repo: 'a/two', subscriptions: ['features/x'] },
    ];
    expect(match(cousins, modified('features/x/docs/a.md')).map((m) => m.repo)).toEqual(['a/two']);
  });

  it('from defaults apply to every cousin', () => {
    const config = { defaults: { exclude: ['**/*.md'] }, cousins: [{ repo: 'a/b', subscriptions: ['features/x'] }] };
    expect(match(config, modified('features/x/README.md'))).toEqual([]);
  });
});

describe('subscriptions naming real files with glob characters', () => {
  it("an Astro page, a Next.js route group and a SvelteKit route match as written, folders included", () => {
    const cousins = [{ repo: 'a/web', subscriptions: ['src/pages/[...slug].astro', 'app/(marketing)/[slug]', 'src/routes/blog/[slug=word]'] }];
    const result = match(cousins, modified('src/pages/[...slug].astro', 'app/(marketing)/[slug]/page.tsx', 'src/routes/blog/[slug=word]/+page.svelte', 'src/pages/s.astro'));
    expect(result).toEqual([
      {
        repo: 'a/web',
        features: ['src/pages/[...slug].astro', 'app/(marketing)/[slug]', 'src/routes/blog/[slug=word]'],
        files: ['app/(marketing)/[slug]/page.tsx', 'src/pages/[...slug].astro', 'src/routes/blog/[slug=word]/+page.svelte'],
      },
    ]);
  });

  it('in a glob, a bracket class holding "/" stays one segment, as in picomatch', () => {
    expect(match([{ repo: 'a/b', subscriptions: ['a/[b/]c*'] }], modified('a/bc', 'a/bcd', 'a/b/c'))[0]?.files).toEqual(['a/bc', 'a/bcd']);
  });

  it('in a glob, brackets keep picomatch\'s meaning: the name as written, or one character of the class', () => {
    expect(match([{ repo: 'a/b', subscriptions: ['app/[slug]/**'] }], modified('app/s/x', 'app/[slug]/x', 'app/slug/x'))[0]?.files).toEqual(['app/[slug]/x', 'app/s/x']);
  });
});

describe('bare ** and the globstar after a wildcard', () => {
  it('** matches every file, and !** excludes every file', () => {
    expect(match([{ repo: 'a/b', subscriptions: ['**'] }], modified('x', 'a/b/.env'))[0]?.files).toEqual(['a/b/.env', 'x']);
    expect(match([{ repo: 'a/b', subscriptions: ['features/x', '!**'] }], modified('features/x/y'))).toEqual([]);
  });

  it('X/*/** matches only below the wildcard, as in picomatch', () => {
    expect(match([{ repo: 'a/b', subscriptions: ['X/*/**'] }], modified('X/a', 'X/a/b'))[0]?.files).toEqual(['X/a/b']);
  });
});

describe('defaults.exclude and a cousin\'s own exclusion', () => {
  it('mean the same thing: "docs" excludes the folder either way', () => {
    const own = match([{ repo: 'a/b', subscriptions: ['**', '!docs'] }], modified('docs/readme.md', 'src/x'));
    const global = match({ defaults: { exclude: ['docs'] }, cousins: [{ repo: 'a/b', subscriptions: ['**'] }] }, modified('docs/readme.md', 'src/x'));
    expect(own[0]?.files).toEqual(['src/x']);
    expect(global).toEqual(own);
  });
});

describe('renames and deletions', () => {
  const cousins = [
    { repo: 'a/old', subscriptions: ['features/old'] },
    { repo: 'a/new', subscriptions: ['features/new'] },
  ];

  it('a rename counts for both its old and its new path', () => {
    const files: ChangedFile[] = [{ status: 'R', oldPath: 'features/old/x.py', path: 'features/new/x.py' }];
    expect(match(cousins, files)).toEqual([
      { repo: 'a/old', features: ['features/old'], files: ['features/old/x.py'] },
      { repo: 'a/new', features: ['features/new'], files: ['features/new/x.py'] },
    ]);
  });

  it('a deletion counts', () => {
    expect(match(cousins, [{ status: 'D', path: 'features/old/x.py' }])).toHaveLength(1);
  });
});

describe('results', () => {
  it('are deterministic: cousins in file order, features in subscription order, files sorted', () => {
    const cousins = [
      { repo: 'z/last', subscriptions: ['b', 'a'] },
      { repo: 'a/first', subscriptions: ['a'] },
    ];
    const result = match(cousins, modified('b/2', 'a/2', 'a/1', 'b/1'));
    expect(result).toEqual([
      { repo: 'z/last', features: ['b', 'a'], files: ['a/1', 'a/2', 'b/1', 'b/2'] },
      { repo: 'a/first', features: ['a'], files: ['a/1', 'a/2'] },
    ]);
  });

  it('handle names with spaces, quotes, unicode and newlines', () => {
    const odd = 'features/x/na me "q" é\nline.txt';
    expect(match([{ repo: 'a/b', subscriptions: ['features/x'] }], modified(odd))[0]?.files).toEqual([odd]);
  });
});

describe('globs with whole-segment wildcards', () => {
  const cousins = [
    { repo: 'a/exact', subscriptions: ['features/*/flask'] },
    { repo: 'a/tree', subscriptions: ['features/*/flask/**'] },
    { repo: 'a/ext', subscriptions: ['features/*/flask/**/*.py'] },
    { repo: 'a/two', subscriptions: ['*/*/flask/app.py'] },
  ];

  it('a glob ending in a segment matches that path only', () => {
    expect(match(cousins, modified('features/webpush/flask')).map((m) => m.repo)).toEqual(['a/exact', 'a/tree']);
  });

  it('a glob ending in /** matches everything under it', () => {
    expect(match(cousins, modified('features/webpush/flask/docs/a.md')).map((m) => m.repo)).toEqual(['a/tree']);
  });

  it('a glob with a pattern after the wildcards is checked in full', () => {
    expect(match(cousins, modified('features/webpush/flask/app.py')).map((m) => m.repo)).toEqual(['a/tree', 'a/ext', 'a/two']);
    expect(match(cousins, modified('features/webpush/flask-v2/app.py'))).toEqual([]);
  });

  it('a wildcard matches dot segments like any other name', () => {
    expect(match(cousins, modified('features/.hidden/flask/x.py')).map((m) => m.repo)).toEqual(['a/tree', 'a/ext']);
  });
});

describe('the trie', () => {
  it('agrees with checking every pattern of every cousin through picomatch', async () => {
    const picomatch = (await import('picomatch')).default;
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T,>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    const segs = ['features', 'a', 'b', 'flask', 'docs', '.env', 'x.py', 'y.md'];
    const paths = Array.from({ length: 400 }, () => Array.from({ length: 2 + Math.floor(random() * 4) }, () => pick(segs)).join('/'));
    const patterns = ['features/a', 'features/*/flask', 'features/*/flask/**', '**/*.md', 'features/a/**/x.py', '*/b/**', 'features/{a,b}/docs/**', 'features/b/flask/x.py'];
    const cousins = Array.from({ length: 60 }, (_, i) => ({
      repo: `o/c${i}`,
      subscriptions: [pick(patterns), pick(patterns), ...(random() < 0.3 ? [`!${pick(patterns)}`] : [])],
    }));
    const config = parseEcosystemConfig(JSON.stringify(cousins), 'ecosystem.json');
    const expected = config.cousins.flatMap((c) => {
      const test = (p: string) => picomatch(picomatch.scan(p).isGlob ? p : [p, `${p}/**`], { dot: true });
      const excluded = c.exclusions.map(test);
      const files = [...new Set(paths)].filter((path) => !excluded.some((t) => t(path)) && c.subscriptions.some((s) => test(s)(path))).sort();
      return files.length > 0 ? [{ repo: c.repo, files }] : [];
    });
    const actual = matchSubscriptions(config, paths.map((path) => ({ status: 'M' as const, path }))).map((m) => ({ repo: m.cousin.repo, files: m.files }));
    expect(actual).toEqual(expected);
  });
});
