import type { Cousin } from '@ecosystem-dispatcher/core';
import type { CousinWiring, WiringFinding } from './model.js';
import { sameRepo, SUBSCRIPTIONS_PATH, type CousinFacts, type LastRun } from './read-cousin.js';
import { routingGap } from './routing.js';
import { workflowProblem } from './workflow-listeners.js';

// Conclusions that mean the sync did its job (skipped: a job's `if:` chose not to run).
const GOOD_CONCLUSIONS = new Set(['success', 'skipped', 'neutral']);

/** Every finding for one reachable cousin, from what was read of it; pure. */
export function diagnoseCousin(cousin: Cousin, monorepo: string, facts: CousinFacts, routed: ReadonlySet<string>): CousinWiring {
  const findings: WiringFinding[] = [];
  const notes: string[] = [];
  if (facts.canPush === false) {
    findings.push({
      check: 'dispatch',
      problem: 'this token can read the repository but cannot dispatch to it',
      fix: 'give the dispatching token Contents: write on it (classic PAT: repo scope; GitHub App: install it there)',
    });
  } else if (facts.canPush === undefined) {
    notes.push('GitHub did not say whether this token may dispatch (App tokens); not checked');
  }
  const workflow = workflowProblem(facts.workflows, cousin.eventType, facts.defaultBranch);
  if (workflow) findings.push({ check: 'workflow', ...workflow });
  findings.push(...subscriptionFindings(cousin, monorepo, facts, routed));
  findings.push(...lastRunFindings(facts.lastDispatchRun, notes));
  return { cousin: cousin.repo, eventType: cousin.eventType, enabled: true, findings, notes };
}

function subscriptionFindings(cousin: Cousin, monorepo: string, facts: CousinFacts, routed: ReadonlySet<string>): WiringFinding[] {
  const file = `${SUBSCRIPTIONS_PATH} on ${facts.defaultBranch}`;
  if ('missing' in facts.subscriptions) {
    return [{ check: 'subscriptions', problem: `${file} does not exist, so sync rejects every dispatch`, fix: `run "npx create-cousin --upstream ${monorepo}" in the cousin and merge what it writes` }];
  }
  if ('invalid' in facts.subscriptions) {
    return [{ check: 'subscriptions', problem: `${file} is invalid: ${facts.subscriptions.invalid}`, fix: `correct it ("ecosystem lint ${SUBSCRIPTIONS_PATH}" in the cousin shows every problem)` }];
  }
  const config = facts.subscriptions.config;
  if (!config.upstream || !sameRepo(config.upstream, monorepo)) {
    const names = config.upstream ? `names ${config.upstream} as upstream` : 'names no upstream';
    return [{ check: 'subscriptions', problem: `${file} ${names}, not ${monorepo}`, fix: `set "upstream": "${monorepo}" in it` }];
  }
  const gap = routingGap(routed, config.subscriptions.map((s) => s.path));
  const findings: WiringFinding[] = [];
  if (gap.unfollowed.length > 0) {
    findings.push({
      check: 'routing',
      problem: `ecosystem.json sends ${quoted(gap.unfollowed)}, which ${file} does not follow: sync rejects those dispatches`,
      fix: `add ${gap.unfollowed.length === 1 ? 'it' : 'them'} to the cousin's subscriptions.json, or remove ${gap.unfollowed.length === 1 ? 'it' : 'them'} from its entry in ecosystem.json`,
    });
  }
  if (gap.unrouted.length > 0) {
    findings.push({
      check: 'routing',
      problem: `the cousin follows ${quoted(gap.unrouted)}, which ecosystem.json never sends it`,
      fix: `add ${gap.unrouted.length === 1 ? 'it' : 'them'} to the cousin's entry in ecosystem.json, or drop ${gap.unrouted.length === 1 ? 'it' : 'them'} from its subscriptions.json`,
    });
  }
  return findings;
}

function lastRunFindings(run: LastRun | undefined | { unreadable: string }, notes: string[]): WiringFinding[] {
  if (run === undefined) {
    return [{
      check: 'last-run',
      problem: 'no repository_dispatch run on record: a dispatch was never sent, or was answered 204 and started nothing',
      fix: 'send one ("ecosystem dispatch --base HEAD~1 --head HEAD"), then run doctor again; if still no run, fix the workflow finding',
    }];
  }
  if ('unreadable' in run) return [{ check: 'last-run', problem: run.unreadable, fix: 'give the token Actions: read on the cousin' }];
  if (run.status !== 'completed') {
    notes.push(`last sync run ${run.status ?? 'pending'}: ${run.url}`);
    return [];
  }
  if (run.conclusion !== null && GOOD_CONCLUSIONS.has(run.conclusion)) {
    notes.push(`last sync run ${run.conclusion}: ${run.url}`);
    return [];
  }
  return [{ check: 'last-run', problem: `the last repository_dispatch run ended "${run.conclusion ?? 'without a conclusion'}" (${run.url})`, fix: 'read that run\'s log; the sync also opens an upstream-issue on the monorepo saying why' }];
}

function quoted(features: readonly string[]): string {
  const shown = features.slice(0, 5).map((f) => `"${f}"`).join(', ');
  return features.length > 5 ? `${shown} and ${features.length - 5} more` : shown;
}
