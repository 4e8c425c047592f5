import type { ChangedFile } from './changed-file.js';
import type { EcosystemConfig } from './ecosystem-config.js';
import { buildPayload, type DispatchPayload } from './payload.js';
import { matchSubscriptions, type CousinMatch } from './subscription-index.js';

export interface PlannedDispatch {
  repo: string;
  eventType: string;
  features: string[];
  files: string[];
  payload: DispatchPayload;
}

export interface SkippedCousin {
  repo: string;
  features: string[];
  reason: 'disabled';
}

export interface DispatchPlan {
  head: string;
  base: string | null;
  sourceRepo: string | null;
  ref: string | null;
  dispatches: PlannedDispatch[];
  /** Cousins that matched but will not be notified, and why. */
  skipped: SkippedCousin[];
  note?: string;
}

export interface PlanInput {
  config: EcosystemConfig;
  files: readonly ChangedFile[];
  head: string;
  base?: string | undefined;
  sourceRepo?: string | undefined;
  ref?: string | undefined;
  note?: string | undefined;
}

/**
 * One dispatch per cousin per push (all its matched features in one payload), or one per
 * feature for `batch: false` cousins, which expect the seed-era one-feature payload.
 */
export function planDispatches(input: PlanInput): DispatchPlan {
  const matches = matchSubscriptions(input.config, input.files);
  const dispatches: PlannedDispatch[] = [];
  const skipped: SkippedCousin[] = [];
  for (const match of matches) {
    if (!match.cousin.enabled) {
      skipped.push({ repo: match.cousin.repo, features: match.features, reason: 'disabled' });
      continue;
    }
    dispatches.push(...dispatchesFor(match, input));
  }
  return {
    head: input.head,
    base: input.base ?? null,
    sourceRepo: input.sourceRepo ?? null,
    ref: input.ref ?? null,
    dispatches,
    skipped,
    ...(input.note ? { note: input.note } : {}),
  };
}

function dispatchesFor(match: CousinMatch, input: PlanInput): PlannedDispatch[] {
  const groups = match.cousin.batch
    ? [{ features: match.features, files: match.files }]
    : match.features.map((feature) => ({ features: [feature], files: match.filesByFeature.get(feature) ?? [] }));
  return groups.map(({ features, files }) => ({
    repo: match.cousin.repo,
    eventType: match.cousin.eventType,
    features,
    files,
    payload: buildPayload({ features, files, head: input.head, before: input.base, sourceRepo: input.sourceRepo, ref: input.ref }, match.cousin.eventType),
  }));
}
