import {
  findPathProblem,
  RejectedPayload,
  repoKey,
  UsageError,
  type CousinConfig,
  type CousinSubscription,
  type DispatchPayload,
} from '@ecosystem-dispatcher/core';
import { findSymlinkEscape } from './symlink-resolution.js';

/**
 * The checks that need nothing but the payload and the cousin's config. Each failure is
 * one RejectedPayload with one reason; nothing has been fetched or written yet.
 */
export function verifyPayloadAgainstConfig(payload: DispatchPayload, config: CousinConfig): CousinSubscription[] {
  verifyPayloadSource(payload, config);
  const wanted = [...new Set(payload.updated_features)];
  return wanted.map((feature) => subscriptionFor(feature, config));
}

/** The payload comes from this cousin's upstream (or is a seed-era payload that names none). */
export function verifyPayloadSource(payload: DispatchPayload, config: CousinConfig): void {
  const upstream = requireUpstream(config);
  if (payload.source_repo === null) {
    // Seed-era payloads (version 1) never named their source; the configured upstream is implied.
    if (payload.payload_version > 1) throw new RejectedPayload(`the payload names no source_repo; this cousin only accepts ${upstream}`);
  } else if (repoKey(payload.source_repo) !== repoKey(upstream)) {
    throw new RejectedPayload(`source_repo ${JSON.stringify(payload.source_repo)} is not this cousin's upstream ${upstream}`);
  }
}

export function requireUpstream(config: CousinConfig): string {
  if (!config.upstream) throw new UsageError(`${config.file}: "upstream" (owner/name of the monorepo) is required to sync`);
  return config.upstream;
}

/** Exact membership after normalisation: anything else, shell text included, is just an unknown feature. */
export function subscriptionFor(feature: string, config: CousinConfig): CousinSubscription {
  const normalised = findPathProblem(feature) ? undefined : feature.replace(/\/$/, '');
  const found = config.subscriptions.find((s) => s.path === normalised);
  if (found && found.to.split('/').some((segment) => segment.toLowerCase() === '.git')) {
    throw new UsageError(`${config.file}: the destination of ${found.path} is inside .git; a sync writes only to the work tree`);
  }
  if (!found) {
    const known = config.subscriptions.map((s) => s.path).join(', ') || 'none';
    throw new RejectedPayload(`feature ${JSON.stringify(feature)} is not one this cousin subscribes to (subscribed: ${known})`);
  }
  return found;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function verifyCommitAge(commit: string, committedAt: Date, now: Date, maxAgeDays: number): void {
  const ageDays = (now.getTime() - committedAt.getTime()) / DAY_MS;
  if (ageDays > maxAgeDays) {
    throw new RejectedPayload(
      `commit ${commit.slice(0, 12)} was committed ${Math.floor(ageDays)} days ago (${committedAt.toISOString()}), older than maxAgeDays ${maxAgeDays}`,
    );
  }
}

/**
 * A single symlink is brought in only when its target, resolved from the link's own
 * folder, stays inside the feature. A tree's links are checked together by
 * findSymlinkEscape (a link may go through the others).
 */
export function symlinkStaysInside(linkPath: string, target: string, feature: string): boolean {
  return findSymlinkEscape(feature, new Map([[linkPath, target]])) === undefined;
}
