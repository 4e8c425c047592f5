import type { SimCore } from './context.js';
import type { MergeRules } from './pull-facts.js';

/** The core's `mergeable` rules in real time. */
export function mergeRulesOf(core: Pick<SimCore, 'rules' | 'clock'>): MergeRules {
  return { mergeableInBackground: core.rules.mergeableInBackground, mergeableAfterMs: core.clock.ms(core.rules.mergeableAfterSeconds) };
}
