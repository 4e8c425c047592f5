import type { ActionHandler, ActionMap } from './actions.js';
import type { StepResult } from './expressions.js';

export interface RunnerOptions {
  /**
   * The repository whose workflow runs, as a folder: `./.github/workflows/x.yml`
   * reusable calls resolve here (on GitHub they run the caller's commit).
   */
  repositoryRoot: string;
  /**
   * Reusable workflows of other repositories: `owner/repo` → the folder holding
   * that repository. The `@ref` of the call is not checked out; the folder is used as is.
   */
  workflowRepositories?: Record<string, string>;
  /** The event: its name and the payload written to GITHUB_EVENT_PATH. */
  event: { name: string; payload: Record<string, unknown> };
  /** Values of the `github` context (repository, sha, ref, server_url…) over the defaults. */
  github?: Record<string, unknown>;
  secrets?: Record<string, string>;
  vars?: Record<string, string>;
  /** `inputs` when the workflow itself is started with inputs (workflow_dispatch, workflow_call). */
  inputs?: Record<string, unknown>;
  /** The runner machine's environment under every step. Default: PATH and HOME of this process. */
  env?: Record<string, string>;
  /** Local stand-ins for `uses:` actions, keyed `owner/repo` (no ref). */
  actions?: ActionMap;
  /** Steps replaced by id (for a `run:` step that installs tools, say). */
  replaceSteps?: Record<string, ActionHandler>;
  /** GITHUB_WORKSPACE. Default: a fresh temp folder, removed afterwards. */
  workspace?: string;
  /** Per-step limit. Default 120 s (a step's own timeout-minutes wins when shorter). */
  stepTimeoutMs?: number;
  /** Only these jobs of the top-level workflow (and the jobs they need). Default: all. */
  jobs?: string[];
  log?: (line: string) => void;
}

export interface StepRun {
  id: string | undefined;
  name: string;
  outcome: StepResult;
  conclusion: StepResult;
  outputs: Record<string, string>;
  stdout: string;
  stderr: string;
}

export interface JobRun {
  id: string;
  result: StepResult;
  outputs: Record<string, string>;
  steps: StepRun[];
  /** What the steps wrote to GITHUB_STEP_SUMMARY. */
  summary: string;
  /** For a job that calls a reusable workflow: that workflow's run. */
  called?: WorkflowRun;
  /** For a matrix job: each of its jobs, in the order they ran. */
  legs?: JobRun[];
}

export interface WorkflowRun {
  file: string;
  result: StepResult;
  jobs: Record<string, JobRun>;
  /** `on.workflow_call.outputs`, evaluated (reusable workflows only). */
  outputs: Record<string, string>;
}
