import picomatch from 'picomatch';
import { isGlobPattern, isPathWithin, type Cousin } from '@ecosystem-dispatcher/core';

/**
 * The feature a glob subscription sends for one matched path: the path cut to the glob's
 * folder part (its segments before the first `**`, or all but the last without one; at
 * least one), as the README's "How the two sides fit together" states.
 */
export function globFeature(pattern: string, path: string): string {
  const segments = pattern.split('/');
  const globstar = segments.findIndex((segment) => segment.includes('**'));
  const depth = Math.max(1, globstar === -1 ? segments.length - 1 : globstar);
  return path.split('/').slice(0, depth).join('/');
}

/**
 * Every feature name ecosystem.json can send to this cousin: its folder and file
 * subscriptions as written, and for each glob the concrete features of the monorepo's
 * files it matches (files that an exclusion removes send nothing).
 */
export function routedFeatures(cousin: Cousin, globalExcludes: readonly string[], monorepoFiles: readonly string[]): Set<string> {
  const features = new Set<string>();
  const excluded = [...cousin.exclusions, ...globalExcludes].map(pathTest);
  for (const subscription of cousin.subscriptions) {
    if (!isGlobPattern(subscription)) {
      features.add(subscription);
      continue;
    }
    const matches = picomatch(subscription, { dot: true });
    for (const file of monorepoFiles) {
      if (matches(file) && !excluded.some((test) => test(file))) features.add(globFeature(subscription, file));
    }
  }
  return features;
}

function pathTest(pattern: string): (path: string) => boolean {
  if (!isGlobPattern(pattern)) return (path) => isPathWithin(path, pattern);
  const matches = picomatch(pattern, { dot: true });
  return (path) => matches(path) || isPathWithin(path, pattern);
}

export interface RoutingGap {
  /** Sent by the monorepo, not followed by the cousin: sync rejects those dispatches. */
  unfollowed: string[];
  /** Followed by the cousin, never sent: that folder never syncs on its own. */
  unrouted: string[];
}

export function routingGap(routed: ReadonlySet<string>, followed: readonly string[]): RoutingGap {
  const follows = new Set(followed);
  return {
    unfollowed: [...routed].filter((feature) => !follows.has(feature)).sort(),
    unrouted: followed.filter((feature) => !routed.has(feature)).sort(),
  };
}
