import { RejectedPayload, type CousinConfig, type CousinSubscription, type DispatchPayload } from '@ecosystem-dispatcher/core';
import { subscriptionFor, verifyPayloadSource } from './verify.js';

export interface RequestedFeatures {
  /** The payload's features this cousin follows: these are synced. */
  subscriptions: CousinSubscription[];
  /** The payload's other features, each with why it is not synced here. */
  notFollowed: { feature: string; reason: string }[];
}

/**
 * One dispatch may name many features (a batched push); a cousin syncs the ones it
 * follows and reports the rest. Only a payload naming none of them is rejected: then
 * the dispatch was not meant for this cousin, or was forged.
 */
export function followedFeatures(payload: DispatchPayload, config: CousinConfig): RequestedFeatures {
  verifyPayloadSource(payload, config);
  const result: RequestedFeatures = { subscriptions: [], notFollowed: [] };
  let firstRejection: RejectedPayload | undefined;
  for (const feature of new Set(payload.updated_features)) {
    try {
      const subscription = subscriptionFor(feature, config);
      if (!result.subscriptions.includes(subscription)) result.subscriptions.push(subscription);
    } catch (error) {
      if (!(error instanceof RejectedPayload)) throw error;
      firstRejection ??= error;
      result.notFollowed.push({ feature, reason: `${JSON.stringify(feature)} is not followed by this cousin (subscribed: ${subscribed(config)})` });
    }
  }
  if (result.subscriptions.length === 0 && firstRejection) throw firstRejection;
  return result;
}

function subscribed(config: CousinConfig): string {
  return config.subscriptions.map((s) => s.path).join(', ') || 'none';
}
