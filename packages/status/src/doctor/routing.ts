import { isGlobPattern, matchSubscriptions, type Cousin } from '@ecosystem-dispatcher/core';

/**
 * Every feature name ecosystem.json can send to this cousin: its folder and file
 * subscriptions as written, and the concrete features its globs select among the
 * monorepo's files — computed by the dispatcher's own matcher, as if every file changed,
 * so exclusions and the glob-to-folder rule are exactly the ones dispatch applies.
 */
export function routedFeatures(cousin: Cousin, globalExcludes: readonly string[], monorepoFiles: readonly string[]): Set<string> {
  const features = new Set(cousin.subscriptions.filter((subscription) => !isGlobPattern(subscription)));
  if (features.size === cousin.subscriptions.length) return features;
  const config = { file: 'ecosystem.json', cousins: [{ ...cousin, index: 0 }], exclude: [...globalExcludes] };
  for (const match of matchSubscriptions(config, monorepoFiles.map((path) => ({ status: 'M' as const, path })))) {
    for (const feature of match.features) features.add(feature);
  }
  return features;
}

export interface RoutingGap {
  /** Sent by the monorepo, not followed by the cousin: sync does not sync those. */
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
