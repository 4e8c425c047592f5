import picomatch from 'picomatch';

/** What a cousin protects when its subscriptions.json sets no `protect` list. */
export const DEFAULT_PROTECT = ['README.md', 'LICENSE', 'LICENSE.*'] as const;

/** Which rule protects a cousin path from upstream's writes, if any. */
export interface PathProtection {
  /** The rule that protects this path (repository-relative), or undefined. */
  ruleFor(path: string): string | undefined;
}

/**
 * Paths upstream content never writes or deletes without a conflict. Always: `.github/**`
 * (workflows on a sync branch run with the cousin's secrets before anyone reviews them),
 * the cousin's own config file, and every `.git*` entry — `.gitmodules`, `.gitattributes`
 * (filters, and `-diff` that hides changes from review) and the like — in any case, since
 * macOS and Windows checkouts fold case. Then the cousin's `protect` patterns (globs with
 * dotfiles, case-insensitive for the same reason).
 */
export function pathProtection(options: { configPath: string; patterns: readonly string[] }): PathProtection {
  const config = options.configPath.toLowerCase();
  const listed = options.patterns.map((pattern) => ({ pattern, test: picomatch(pattern, { dot: true, nocase: true }) }));
  return {
    ruleFor(path) {
      const lower = path.toLowerCase();
      if (lower === '.github' || lower.startsWith('.github/')) return '.github/**';
      if (lower === config) return options.configPath;
      if (lower.split('/').some((segment) => segment.startsWith('.git'))) return '.git*';
      return listed.find(({ test }) => test(path))?.pattern;
    },
  };
}
