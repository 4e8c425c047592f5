import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { evaluateCondition, evaluateValue } from './expressions.js';
import type { ExpressionContexts, NeedContext } from './expressions.js';
import { matrixLegs, mergeLegs } from './matrix.js';
import { runStepsJob, stringValues } from './run-job.js';
import type { JobScope } from './run-job.js';
import type { JobRun, RunnerOptions, WorkflowRun } from './runner-options.js';
import { baseContexts, defaultVariables, githubContext } from './github-context.js';
import { jobOrder, loadWorkflow, needsOf, workflowCallOf } from './workflow-file.js';
import type { JobDefinition, WorkflowCallDefinition, WorkflowDefinition } from './workflow-file.js';

/** GitHub's documented nesting limit for reusable workflows (older plans: 4). */
const MAX_CALL_DEPTH = 4;

/**
 * Runs a workflow file locally: its jobs in `needs` order, `run:` steps with bash,
 * `uses:` steps through the actions map, reusable workflow calls by loading the
 * called file. Returns every job's result, outputs, step logs and summary.
 */
export async function runWorkflow(file: string, options: RunnerOptions): Promise<WorkflowRun> {
  const runnerTemp = await mkdtemp(path.join(os.tmpdir(), 'workflow-runner-'));
  const workspace = options.workspace ?? (await mkdtemp(path.join(os.tmpdir(), 'workflow-workspace-')));
  try {
    const eventPath = path.join(runnerTemp, 'event.json');
    await writeFile(eventPath, JSON.stringify(options.event.payload, null, 2));
    const github = githubContext(options, workspace, eventPath);
    const scope: JobScope = {
      options,
      runnerTemp,
      workspace,
      baseEnv: options.env ?? { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? os.homedir() },
      defaultEnv: defaultVariables(github, runnerTemp),
      contexts: baseContexts(github, options, runnerTemp),
    };
    const workflow = await loadWorkflow(file);
    // A reusable workflow run directly gets its declared defaults and types, as when called.
    const definition = workflowCallOf(workflow);
    const inputs = definition ? callInputs(definition, options.inputs ?? {}, file) : (options.inputs ?? {});
    return await runJobs(file, workflow, scope, { inputs, secrets: options.secrets ?? {} }, 0, options.jobs);
  } finally {
    await rm(runnerTemp, { recursive: true, force: true });
    if (!options.workspace) await rm(workspace, { recursive: true, force: true });
  }
}

interface CallScope {
  inputs: Record<string, unknown>;
  secrets: Record<string, string>;
}

async function runJobs(
  file: string,
  workflow: WorkflowDefinition,
  outer: JobScope,
  call: CallScope,
  depth: number,
  only?: string[],
): Promise<WorkflowRun> {
  const contexts: ExpressionContexts = { ...outer.contexts, inputs: call.inputs, secrets: call.secrets, env: {} };
  // A called workflow's own top-level env applies; the caller's does not carry over.
  const scope: JobScope = { ...outer, contexts: { ...contexts, env: stringValues(evaluateValue(workflow.env ?? {}, contexts)) } };
  const jobs: Record<string, JobRun> = {};
  for (const id of selectedJobs(workflow, only)) {
    const job = workflow.jobs[id]!;
    const needs: Record<string, NeedContext> = Object.fromEntries(
      needsOf(job).map((need) => [need, { outputs: jobs[need]?.outputs ?? {}, result: jobs[need]?.result ?? 'skipped' }]),
    );
    const jobScope: JobScope = { ...scope, contexts: { ...scope.contexts, needs } };
    const results = Object.values(needs).map((need) => need.result);
    const state = { failed: results.includes('failure'), blocked: results.some((result) => result === 'skipped' || result === 'cancelled') };
    if (!evaluateCondition(job.if, jobScope.contexts, state)) {
      jobs[id] = { id, result: 'skipped', outputs: {}, steps: [], summary: '' };
      continue;
    }
    jobs[id] = await runJob(id, job, jobScope, depth);
  }
  const result = Object.values(jobs).some((job) => job.result === 'failure') ? 'failure' : 'success';
  return { file, result, jobs, outputs: workflowOutputs(workflow, scope.contexts, jobs) };
}

/** A job, or each job of its matrix in turn (each in a fresh workspace, as on its own runner). */
async function runJob(id: string, job: JobDefinition, scope: JobScope, depth: number): Promise<JobRun> {
  const run = (legScope: JobScope) => (job.uses !== undefined ? callWorkflow(id, job, legScope, depth) : runStepsJob(id, job, legScope));
  const legs = matrixLegs(job.strategy, scope.contexts);
  if (!legs) return run(scope);
  const runs: JobRun[] = [];
  for (const leg of legs) {
    const workspace = await mkdtemp(path.join(os.tmpdir(), 'workflow-workspace-'));
    try {
      const github = { ...scope.contexts.github, workspace };
      runs.push(
        await run({
          ...scope,
          workspace,
          defaultEnv: { ...scope.defaultEnv, GITHUB_WORKSPACE: workspace },
          contexts: { ...scope.contexts, github, matrix: leg.matrix, strategy: leg.strategy },
        }),
      );
    } finally {
      await rm(workspace, { recursive: true, force: true });
    }
    // fail-fast: GitHub cancels the jobs of the matrix still running or queued.
    if (runs.at(-1)!.result === 'failure' && leg.strategy['fail-fast']) break;
  }
  return mergeLegs(id, runs);
}

function selectedJobs(workflow: WorkflowDefinition, only?: string[]): string[] {
  const order = jobOrder(workflow);
  if (!only) return order;
  const wanted = new Set<string>();
  const add = (id: string) => {
    if (wanted.has(id)) return;
    wanted.add(id);
    for (const need of needsOf(workflow.jobs[id] ?? {})) add(need);
  };
  for (const id of only) add(id);
  return order.filter((id) => wanted.has(id));
}

async function callWorkflow(id: string, job: JobDefinition, scope: JobScope, depth: number): Promise<JobRun> {
  if (depth + 1 >= MAX_CALL_DEPTH) throw new Error(`reusable workflows nest deeper than ${MAX_CALL_DEPTH} levels at job "${id}"`);
  const file = calledWorkflowFile(job.uses!, scope.options);
  const called = await loadWorkflow(file);
  const definition = workflowCallOf(called);
  if (!definition) throw new Error(`${job.uses} has no on.workflow_call: it cannot be called`);
  const inputs = callInputs(definition, evaluateValue(job.with ?? {}, scope.contexts) as Record<string, unknown>, job.uses!);
  const secrets = job.secrets === 'inherit' ? scope.contexts.secrets : stringValues(evaluateValue(job.secrets ?? {}, scope.contexts));
  const run = await runJobs(file, called, scope, { inputs, secrets }, depth + 1);
  return { id, result: run.result, outputs: run.outputs, steps: [], summary: Object.values(run.jobs).map((j) => j.summary).join(''), called: run };
}

/** `./.github/workflows/x.yml` (the caller's repository) or `owner/repo/.github/workflows/x.yml@ref`. */
export function calledWorkflowFile(uses: string, options: RunnerOptions): string {
  if (uses.startsWith('./')) return path.join(options.repositoryRoot, uses);
  const match = /^([^/]+\/[^/]+)\/(.+?)@(.+)$/.exec(uses);
  if (!match) throw new Error(`cannot read reusable workflow reference "${uses}"`);
  const [, repository = '', file = ''] = match;
  const root = Object.entries(options.workflowRepositories ?? {}).find(([name]) => name.toLowerCase() === repository.toLowerCase())?.[1];
  if (!root) throw new Error(`no local folder for ${repository}: add it to the runner's workflowRepositories`);
  return path.join(root, file);
}

/** Declared defaults, then the caller's values converted to the declared type; required ones must be given. */
function callInputs(definition: WorkflowCallDefinition, provided: Record<string, unknown>, uses: string): Record<string, unknown> {
  for (const name of Object.keys(provided)) {
    if (!(name in definition.inputs)) throw new Error(`${uses} has no input "${name}"`);
  }
  return Object.fromEntries(
    Object.entries(definition.inputs).map(([name, spec]) => {
      const value = name in provided ? provided[name] : spec.default;
      if (value === undefined && spec.required) throw new Error(`${uses} requires input "${name}"`);
      return [name, typedInput(value, spec.type)];
    }),
  );
}

function typedInput(value: unknown, type: string | undefined): unknown {
  if (type === 'boolean') return value === true || value === 'true';
  if (type === 'number') return value === undefined ? 0 : Number(value);
  return value === undefined || value === null ? '' : String(value);
}

function workflowOutputs(workflow: WorkflowDefinition, contexts: ExpressionContexts, jobs: Record<string, JobRun>): Record<string, string> {
  const definition = workflowCallOf(workflow);
  if (!definition) return {};
  const jobsContext = Object.fromEntries(Object.entries(jobs).map(([id, job]) => [id, { outputs: job.outputs, result: job.result }]));
  const values = Object.fromEntries(Object.entries(definition.outputs).map(([name, output]) => [name, output.value ?? '']));
  return stringValues(evaluateValue(values, { ...contexts, jobs: jobsContext }));
}
