import picomatch from 'picomatch';
import { isPathWithin } from './paths.js';

/**
 * The segments of a pattern, split on `/` except inside a bracket class: `[b/]c` is one
 * segment, as picomatch reads it (a class never matches `/`).
 */
export function patternSegments(pattern: string): string[] {
  const segments: string[] = [];
  let current = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close !== -1) {
        current += pattern.slice(i, close + 1);
        i = close;
        continue;
      }
    }
    if (char === '/') {
      segments.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  segments.push(current);
  return segments;
}

/**
 * A subscription is a glob when it holds `*`, `?`, a brace or an extglob (`@(`, `+(`, `!(`).
 * Brackets and parentheses alone are names: `src/pages/[...slug].astro` and
 * `app/(marketing)/[slug]` (Astro, Next.js, SvelteKit) are paths, not character classes.
 * Inside a glob they keep picomatch's meaning.
 */
export function isGlobPattern(pattern: string): boolean {
  return /[*?{]|[@+!]\(/.test(pattern);
}

/** Whether a segment of a glob is a pattern of its own (picomatch's reading) rather than a name. */
export function isGlobSegment(segment: string): boolean {
  return picomatch.scan(segment).isGlob;
}

/**
 * How many leading segments of a matched path name the feature a glob subscription sends.
 * The glob's folder part is its segments before the first one holding `**` (without `**`:
 * every segment but the last, which names files); the feature is the changed path cut to
 * that many segments. A glob with no folder part (`**`, `**\/*.sql`, `*.sql`) sends the
 * top-level folder of each matched file, or the file itself at the repository root.
 */
export function globFeatureDepth(pattern: string): number {
  const segments = patternSegments(pattern);
  const globstar = segments.findIndex((segment) => segment.includes('**'));
  const folderPart = globstar === -1 ? segments.length - 1 : globstar;
  return Math.max(1, folderPart);
}

/** The first `depth` segments of `path` (the whole path when it has no more). */
export function featureOfPath(path: string, depth: number): string {
  let end = -1;
  for (let i = 0; i < depth; i++) {
    end = path.indexOf('/', end + 1);
    if (end === -1) return path;
  }
  return path.slice(0, end);
}

/** A path test with the matcher's meaning: the path a subscription names and everything under it, and a glob's matches. */
export function subscriptionTest(pattern: string): (path: string) => boolean {
  if (!isGlobPattern(pattern)) return (path) => isPathWithin(path, pattern);
  const regex = picomatch.makeRe(pattern, { dot: true });
  return (path) => isPathWithin(path, pattern) || regex.test(path);
}

/** The concrete feature a glob subscription sends for one matched path. */
export function globFeatureOf(pattern: string, path: string): string {
  return featureOfPath(path, globFeatureDepth(pattern));
}
