import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkAnswers } from './answers.js';
import { renderWorkflow } from './cousin-files.js';

type Job = { if: string; concurrency: { group: string }; strategy?: { matrix: { feature: string } } };
type ExpressionContexts = { github: Record<string, unknown>; matrix?: Record<string, unknown> };

/** GitHub's own expression evaluator (the one the Actions runner and VS Code use). */
function evaluate(expression: string, contexts: ExpressionContexts): unknown {
  const { tokens } = new Lexer(expression).lex();
  const parsed = new Parser(tokens, Object.keys(contexts), []).parse();
  const dictionary = JSON.parse(JSON.stringify(contexts), data.reviver) as data.Dictionary;
  return JSON.parse(JSON.stringify(new Evaluator(parsed, dictionary, undefined).evaluate(), data.replacer));
}

/** `group: prefix-${{ expr }}` → the group name. */
function evaluateTemplate(text: string, contexts: ExpressionContexts): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_all, expression: string) => String(evaluate(expression, contexts)));
}

function workflowJobs(standalone: boolean): Record<string, Job> {
  const answers = checkAnswers({
    dir: '/tmp/cousin', upstream: 'acme/monorepo', subscribe: ['features/webpush/flask:.'], method: undefined,
    labels: undefined, repo: undefined, standalone, ref: undefined,
  });
  return (parse(renderWorkflow(answers)) as { jobs: Record<string, Job> }).jobs;
}

function contexts(eventName: string, event: Record<string, unknown>): ExpressionContexts {
  return { github: { event_name: eventName, event, repository: 'acme/cousin' } };
}

const seedDispatch = contexts('repository_dispatch', { action: 'feature-update', client_payload: { updated_feature: 'features/webpush/flask', commit_sha: 'a'.repeat(40) } });
const batchDispatch = contexts('repository_dispatch', {
  action: 'feature-update',
  client_payload: { updated_feature: 'features/a', updated_features: ['features/a', 'features/b'], commit_sha: 'a'.repeat(40) },
});
const closedPullRequest = (ref: string, merged: boolean) =>
  contexts('pull_request', { action: 'closed', number: 7, pull_request: { number: 7, merged, head: { ref, repo: { full_name: 'acme/cousin' } } } });

/** Which jobs of the workflow run for an event, by GitHub's own expression evaluator. */
function jobsThatRun(jobs: Record<string, Job>, event: ExpressionContexts): string[] {
  return Object.entries(jobs).filter(([, job]) => Boolean(evaluate(job.if, event))).map(([id]) => id);
}

describe.each([false, true])('the workflow (standalone: %s) reacts to the right events', (standalone) => {
  const jobs = workflowJobs(standalone);
  const declined = standalone ? ['report-declined'] : ['sync'];

  it('syncs on a dispatch, seed-era or batched', () => {
    expect(jobsThatRun(jobs, seedDispatch)).toEqual(['sync']);
    expect(jobsThatRun(jobs, batchDispatch)).toEqual(['sync']);
  });

  it('reports a sync pull request closed without merging, and nothing else', () => {
    expect(jobsThatRun(jobs, closedPullRequest('ecosystem/sync/features-webpush-flask', false))).toEqual(declined);
    expect(jobsThatRun(jobs, closedPullRequest('ecosystem/sync/features-webpush-flask', true))).toEqual([]);
    expect(jobsThatRun(jobs, closedPullRequest('my-feature', false))).toEqual([]);
  });

  it('runs one job per feature of a dispatch, each in the concurrency group of its feature', () => {
    const features = (event: ExpressionContexts) => evaluate(jobs.sync!.strategy!.matrix.feature.replace(/^\$\{\{|\}\}$/g, ''), event) as string[];
    expect(features(seedDispatch)).toEqual(['features/webpush/flask']);
    expect(features(batchDispatch)).toEqual(['features/a', 'features/b']);
    const group = (event: ExpressionContexts, feature: string) => evaluateTemplate(jobs.sync!.concurrency.group, { ...event, matrix: { feature } });
    expect(group(batchDispatch, 'features/a')).toBe('sync-upstream-features/a');
    // Payloads [a, b] and [a] meet in feature a's group.
    expect(group(seedDispatch, 'features/a')).toBe(group(batchDispatch, 'features/a'));
  });

  it('groups the report of a declined pull request by its number', () => {
    const job = standalone ? jobs['report-declined']! : jobs.sync!;
    expect(evaluateTemplate(job.concurrency.group, { ...closedPullRequest('ecosystem/sync/x', false), matrix: { feature: '' } })).toBe('sync-upstream-declined-7');
  });
});
