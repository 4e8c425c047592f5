import type { DispatchResult } from '../report.js';
import { summarise, type DispatchReport } from '../report.js';
import { planOf } from './sim.js';

export function delivered(repo: string): DispatchResult {
  return { repo, eventType: 'feature-update', features: ['features/a'], status: 'delivered', attempts: 1, httpStatus: 204 };
}

export function failed(repo: string, reason = "the repository does not exist or the token cannot see it — check the token's repository access"): DispatchResult {
  return { repo, eventType: 'feature-update', features: ['features/a'], status: 'failed', reason, attempts: 1, httpStatus: 404 };
}

export function reportOf(results: DispatchResult[], dryRun = false): DispatchReport {
  return summarise(planOf([]), results, { startedAt: new Date(), dryRun, unknownOnly: [] });
}
