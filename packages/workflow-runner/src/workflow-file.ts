import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';

/** The parts of a workflow file the runner reads (YAML parsed to plain values). */
export interface WorkflowDefinition {
  name?: string;
  on?: unknown;
  env?: Record<string, unknown>;
  jobs: Record<string, JobDefinition>;
}

export interface JobDefinition {
  name?: string;
  needs?: string | string[];
  if?: unknown;
  'runs-on'?: unknown;
  env?: Record<string, unknown>;
  defaults?: { run?: { shell?: string; 'working-directory'?: string } };
  steps?: StepDefinition[];
  outputs?: Record<string, unknown>;
  'timeout-minutes'?: number;
  'continue-on-error'?: unknown;
  strategy?: unknown;
  uses?: string;
  with?: Record<string, unknown>;
  secrets?: 'inherit' | Record<string, unknown>;
}

export interface StepDefinition {
  id?: string;
  name?: string;
  if?: unknown;
  uses?: string;
  run?: string;
  shell?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  'working-directory'?: string;
  'continue-on-error'?: unknown;
  'timeout-minutes'?: number;
}

export interface WorkflowCallInput {
  type?: 'string' | 'boolean' | 'number';
  required?: boolean;
  default?: unknown;
}

export interface WorkflowCallDefinition {
  inputs: Record<string, WorkflowCallInput>;
  secrets: Record<string, { required?: boolean }>;
  outputs: Record<string, { value?: unknown }>;
}

export async function loadWorkflow(file: string): Promise<WorkflowDefinition> {
  const parsed = parse(await readFile(file, 'utf8')) as WorkflowDefinition | null;
  if (!parsed || typeof parsed !== 'object' || !parsed.jobs) throw new Error(`${file} is not a workflow (no jobs)`);
  return parsed;
}

/** The `on.workflow_call` section, or undefined when the workflow cannot be called. */
export function workflowCallOf(workflow: WorkflowDefinition): WorkflowCallDefinition | undefined {
  const on = workflow.on;
  if (on === 'workflow_call' || (Array.isArray(on) && on.includes('workflow_call'))) return { inputs: {}, secrets: {}, outputs: {} };
  if (!on || typeof on !== 'object' || !('workflow_call' in on)) return undefined;
  const call = ((on as Record<string, unknown>).workflow_call ?? {}) as Partial<WorkflowCallDefinition>;
  return { inputs: call.inputs ?? {}, secrets: call.secrets ?? {}, outputs: call.outputs ?? {} };
}

/** Jobs in an order where every job comes after the jobs it needs. */
export function jobOrder(workflow: WorkflowDefinition): string[] {
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (id: string) => {
    if (ordered.includes(id)) return;
    if (visiting.has(id)) throw new Error(`jobs need each other in a cycle at "${id}"`);
    const job = workflow.jobs[id];
    if (!job) throw new Error(`unknown job "${id}" in needs`);
    visiting.add(id);
    for (const need of needsOf(job)) visit(need);
    visiting.delete(id);
    ordered.push(id);
  };
  for (const id of Object.keys(workflow.jobs)) visit(id);
  return ordered;
}

export function needsOf(job: JobDefinition): string[] {
  if (job.needs === undefined) return [];
  return Array.isArray(job.needs) ? job.needs : [job.needs];
}

/**
 * Whether GitHub would start this workflow for an event: its `on:` names the event and,
 * when it lists `types`, the activity type (for repository_dispatch, the sent event_type).
 */
export function listensTo(workflow: WorkflowDefinition, eventName: string, activityType?: string): boolean {
  const on = workflow.on;
  if (typeof on === 'string') return on === eventName;
  if (Array.isArray(on)) return on.includes(eventName);
  if (!on || typeof on !== 'object' || !(eventName in on)) return false;
  const types = ((on as Record<string, unknown>)[eventName] as { types?: unknown } | null)?.types;
  if (types === undefined || activityType === undefined) return true;
  return (Array.isArray(types) ? types : [types]).map(String).includes(activityType);
}
