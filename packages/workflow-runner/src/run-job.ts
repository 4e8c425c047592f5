import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { actionName } from './actions.js';
import type { ActionContext, ActionHandler } from './actions.js';
import { readCommandFile, readPathFile } from './command-files.js';
import { evaluateCondition, evaluateValue } from './expressions.js';
import type { ExpressionContexts, JobState, StepContext } from './expressions.js';
import { localDownloadArtifact, localUploadArtifact } from './local-artifacts.js';
import { runScript } from './run-script.js';
import type { JobRun, RunnerOptions, StepRun } from './runner-options.js';
import type { JobDefinition, StepDefinition } from './workflow-file.js';

/** What a job shares with the workflow run it belongs to. */
export interface JobScope {
  options: RunnerOptions;
  runnerTemp: string;
  workspace: string;
  baseEnv: Record<string, string>;
  /** GITHUB_* and RUNNER_* variables every step gets. */
  defaultEnv: Record<string, string>;
  contexts: ExpressionContexts;
}

interface JobProgress {
  state: JobState;
  exported: Record<string, string>;
  paths: string[];
  summary: string;
  steps: Record<string, StepContext>;
}

const DEFAULT_STEP_TIMEOUT_MS = 120_000;

export async function runStepsJob(id: string, job: JobDefinition, scope: JobScope): Promise<JobRun> {
  const contexts: ExpressionContexts = { ...scope.contexts, github: { ...scope.contexts.github, job: id }, steps: {} };
  const jobEnv = stringValues(evaluateValue(job.env ?? {}, contexts));
  const progress: JobProgress = { state: { failed: false }, exported: {}, paths: [], summary: '', steps: {} };
  const runs: StepRun[] = [];
  const jobDir = path.join(scope.runnerTemp, `job-${id}-${Date.now()}`);
  await mkdir(jobDir, { recursive: true });
  for (const [index, step] of (job.steps ?? []).entries()) {
    const stepContexts: ExpressionContexts = {
      ...contexts,
      env: { ...contexts.env, ...jobEnv, ...progress.exported },
      steps: progress.steps,
      job: { status: progress.state.failed ? 'failure' : 'success' },
    };
    const run = await runStep(step, index, job, stepContexts, progress, scope, jobDir);
    runs.push(run);
    if (step.id) progress.steps[step.id] = { outputs: run.outputs, outcome: run.outcome, conclusion: run.conclusion };
    if (run.conclusion === 'failure') progress.state.failed = true;
  }
  const finalContexts = { ...contexts, env: { ...contexts.env, ...jobEnv }, steps: progress.steps };
  const outputs = stringValues(evaluateValue(job.outputs ?? {}, finalContexts, progress.state));
  return { id, result: progress.state.failed ? 'failure' : 'success', outputs, steps: runs, summary: progress.summary };
}

async function runStep(
  step: StepDefinition,
  index: number,
  job: JobDefinition,
  contexts: ExpressionContexts,
  progress: JobProgress,
  scope: JobScope,
  jobDir: string,
): Promise<StepRun> {
  const name = step.name ?? step.id ?? step.uses ?? `step ${index + 1}`;
  const skipped: StepRun = { id: step.id, name, outcome: 'skipped', conclusion: 'skipped', outputs: {}, stdout: '', stderr: '' };
  if (!evaluateCondition(step.if, contexts, progress.state)) return skipped;
  scope.options.log?.(`▶ ${name}`);
  const files = await commandFiles(jobDir, index);
  const stepEnv = stringValues(evaluateValue(step.env ?? {}, contexts, progress.state));
  const env = {
    ...scope.baseEnv,
    ...scope.defaultEnv,
    ...contexts.env,
    ...stepEnv,
    GITHUB_OUTPUT: files.output,
    GITHUB_ENV: files.env,
    GITHUB_PATH: files.path,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_ACTION: step.id ?? `__run_${index}`,
    GITHUB_JOB: String(contexts.github.job),
    PATH: [...progress.paths, scope.baseEnv.PATH ?? ''].join(path.delimiter),
  };
  const outcome = await executeStep({ step, job, contexts, progress, scope, env });
  const outputs = { ...outcome.outputs, ...(await readCommandFile(files.output)) };
  Object.assign(progress.exported, await readCommandFile(files.env));
  progress.paths.unshift(...(await readPathFile(files.path)).reverse());
  progress.summary += await readFile(files.summary, 'utf8');
  const failed = !outcome.ok;
  const continueOnError = failed && evaluateValue(step['continue-on-error'] ?? false, contexts) === true;
  if (failed) scope.options.log?.(`✖ ${name}\n${outcome.stderr}`);
  return {
    id: step.id,
    name,
    outcome: failed ? 'failure' : 'success',
    conclusion: failed && !continueOnError ? 'failure' : 'success',
    outputs,
    stdout: outcome.stdout,
    stderr: outcome.stderr,
  };
}

interface StepOutcome {
  ok: boolean;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
}

interface CommandFiles {
  output: string;
  env: string;
  path: string;
  summary: string;
}

async function commandFiles(jobDir: string, index: number): Promise<CommandFiles> {
  const files = {
    output: path.join(jobDir, `${index}-output`),
    env: path.join(jobDir, `${index}-env`),
    path: path.join(jobDir, `${index}-path`),
    summary: path.join(jobDir, `${index}-summary.md`),
  };
  await Promise.all(Object.values(files).map((file) => writeFile(file, '')));
  return files;
}

/** One step about to run, with everything it can see. */
interface StepCall {
  step: StepDefinition;
  job: JobDefinition;
  contexts: ExpressionContexts;
  progress: JobProgress;
  scope: JobScope;
  env: Record<string, string>;
}

async function executeStep(call: StepCall): Promise<StepOutcome> {
  const { step, job, contexts, progress, scope, env } = call;
  const replacement = step.id ? scope.options.replaceSteps?.[step.id] : undefined;
  if (replacement) return runHandler(replacement, call);
  if (step.uses !== undefined) return runHandler(actionFor(step.uses, scope), call);
  if (typeof step.run !== 'string') throw new Error(`step "${step.name ?? step.id}" has neither run: nor uses:`);
  const script = String(evaluateValue(step.run, contexts, progress.state));
  const workingDirectory = step['working-directory'] ?? job.defaults?.run?.['working-directory'] ?? '.';
  const stepLimit = (step['timeout-minutes'] ?? Infinity) * 60_000;
  const result = await runScript({
    script,
    shell: step.shell ?? job.defaults?.run?.shell ?? 'bash',
    cwd: path.resolve(scope.workspace, String(evaluateValue(workingDirectory, contexts))),
    env,
    runnerTemp: scope.runnerTemp,
    timeoutMs: Math.min(stepLimit, scope.options.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS),
  });
  return { ok: result.exitCode === 0 && !result.timedOut, stdout: result.stdout, stderr: result.stderr, outputs: {} };
}

/** Actions whose whole effect is inside the run (its artifact store), so every run has them. */
const BUILT_IN_ACTIONS: Record<string, ActionHandler> = {
  'actions/upload-artifact': localUploadArtifact,
  'actions/download-artifact': localDownloadArtifact,
};

function actionFor(uses: string, scope: JobScope): ActionHandler {
  const handler = scope.options.actions?.[actionName(uses)] ?? BUILT_IN_ACTIONS[actionName(uses)];
  if (!handler) throw new Error(`no local equivalent for "uses: ${uses}": add "${actionName(uses)}" to the runner's actions map`);
  return handler;
}

async function runHandler(handler: ActionHandler, { step, contexts, progress, scope, env }: StepCall): Promise<StepOutcome> {
  const outputs: Record<string, string> = {};
  const lines: string[] = [];
  const context: ActionContext = {
    inputs: stringValues(evaluateValue(step.with ?? {}, contexts, progress.state)),
    env,
    github: contexts.github,
    workspace: scope.workspace,
    runnerTemp: scope.runnerTemp,
    setOutput: (name, value) => void (outputs[name] = value),
    addPath: (dir) => void progress.paths.unshift(dir),
    exportVariable: (name, value) => void (progress.exported[name] = value),
    log: (line) => void lines.push(line),
  };
  try {
    await handler(context);
    return { ok: true, stdout: lines.join('\n'), stderr: '', outputs };
  } catch (error) {
    return { ok: false, stdout: lines.join('\n'), stderr: error instanceof Error ? error.message : String(error), outputs };
  }
}

/** Values as a runner hands them to processes: strings, '' for null, JSON for objects. */
export function stringValues(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, asString(item)]));
}

function asString(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
