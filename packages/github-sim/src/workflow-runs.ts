import { parse as parseYaml } from 'yaml';
import type { SimCore } from './context.js';
import type { RepoRecord } from './state.js';
import { nowIso } from './state.js';
import type { RecordedDispatch } from './types.js';

export type RunConclusion = 'success' | 'failure' | 'cancelled' | 'skipped' | 'timed_out' | 'neutral' | 'action_required' | 'startup_failure';

export interface WorkflowRunRecord {
  id: number;
  runNumber: number;
  workflowId: number;
  /** The workflow's `name:`, else its path, as GitHub shows it. */
  name: string;
  /** `.github/workflows/<file>` on the default branch. */
  path: string;
  event: string;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: RunConclusion | null;
  headBranch: string;
  headSha: string;
  actor: string;
  createdAt: string;
  updatedAt: string;
}

interface RunBook {
  runs: WorkflowRunRecord[];
  workflowIds: Map<string, number>;
}

// Kept beside SimCore rather than in it: the runs list is an add-on that only dispatches feed.
const books = new WeakMap<SimCore, Map<string, RunBook>>();

function bookOf(core: SimCore, fullName: string): RunBook {
  let byRepo = books.get(core);
  if (!byRepo) books.set(core, (byRepo = new Map()));
  const key = fullName.toLowerCase();
  let book = byRepo.get(key);
  if (!book) byRepo.set(key, (book = { runs: [], workflowIds: new Map() }));
  return book;
}

/** Newest first, as GitHub lists them. */
export function workflowRunsOf(core: SimCore, fullName: string): WorkflowRunRecord[] {
  return [...bookOf(core, fullName).runs].reverse();
}

/**
 * Whether a workflow's `on:` starts it for this repository_dispatch: the event named as a
 * string, in a list, or as a key whose `types` (when given) hold the event type.
 */
export function listensToDispatch(workflowText: string, eventType: string): boolean {
  let doc: unknown;
  try {
    doc = parseYaml(workflowText);
  } catch {
    return false; // GitHub starts no run for a workflow file it cannot parse.
  }
  const on = (doc as { on?: unknown } | null)?.on;
  if (on === 'repository_dispatch') return true;
  if (Array.isArray(on)) return on.includes('repository_dispatch');
  if (!on || typeof on !== 'object' || !('repository_dispatch' in on)) return false;
  const types = ((on as Record<string, unknown>).repository_dispatch as { types?: unknown } | null)?.types;
  if (types === undefined || types === null) return true;
  return (Array.isArray(types) ? types : [types]).includes(eventType);
}

/**
 * GitHub starts one run per workflow of the default branch that listens to the dispatch's
 * event type, and none at all when no workflow does: that is how a 204 leads nowhere.
 */
export async function startDispatchRuns(core: SimCore, repo: RepoRecord, dispatch: RecordedDispatch, actor: string): Promise<WorkflowRunRecord[]> {
  const headSha = await repo.git.resolveCommit(`refs/heads/${repo.defaultBranch}`);
  if (!headSha) return [];
  const folder = await repo.git.pathObject(headSha, '.github/workflows');
  if (folder?.type !== 'tree') return [];
  const started: WorkflowRunRecord[] = [];
  for (const entry of await repo.git.lsTree(headSha, '.github/workflows')) {
    if (entry.type !== 'blob' || !/\.ya?ml$/.test(entry.path)) continue;
    const text = (await repo.git.readBlob(entry.sha)).toString('utf8');
    if (!listensToDispatch(text, dispatch.event_type)) continue;
    started.push(addRun(core, repo, { path: entry.path, name: workflowName(text) ?? entry.path, headSha, actor }));
  }
  return started;
}

function workflowName(text: string): string | undefined {
  try {
    const name = (parseYaml(text) as { name?: unknown } | null)?.name;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

function addRun(core: SimCore, repo: RepoRecord, run: { path: string; name: string; headSha: string; actor: string }): WorkflowRunRecord {
  const book = bookOf(core, repo.fullName);
  let workflowId = book.workflowIds.get(run.path);
  if (workflowId === undefined) book.workflowIds.set(run.path, (workflowId = core.state.newId()));
  const now = nowIso();
  const record: WorkflowRunRecord = {
    id: core.state.newId(),
    runNumber: book.runs.filter((r) => r.workflowId === workflowId).length + 1,
    workflowId,
    name: run.name,
    path: run.path,
    event: 'repository_dispatch',
    status: 'queued',
    conclusion: null,
    headBranch: repo.defaultBranch,
    headSha: run.headSha,
    actor: run.actor,
    createdAt: now,
    updatedAt: now,
  };
  book.runs.push(record);
  return record;
}

/** What the offline runner (or a test standing in for it) reports back about a run. */
export function finishWorkflowRun(core: SimCore, fullName: string, runId: number, conclusion: RunConclusion): WorkflowRunRecord {
  const run = bookOf(core, fullName).runs.find((r) => r.id === runId);
  if (!run) throw new Error(`github-sim: ${fullName} has no workflow run ${runId}`);
  run.status = 'completed';
  run.conclusion = conclusion;
  run.updatedAt = nowIso();
  return run;
}
