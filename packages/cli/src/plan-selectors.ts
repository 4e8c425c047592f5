import { resolve } from 'node:path';
import {
  detectChanges,
  Git,
  parseFileList,
  planDispatches,
  readEcosystemConfig,
  readEventContext,
  readTextFile,
  UsageError,
  type DetectedChanges,
  type DispatchPlan,
  type EcosystemConfig,
} from '@ecosystem-dispatcher/core';
import { readStream, type CommandIO } from './io.js';

/** The flags that say which change to plan for; shared by `plan` and `dispatch`. */
export const PLAN_SELECTOR_FLAGS = {
  config: { type: 'string', default: 'ecosystem.json' },
  'repo-dir': { type: 'string', default: '.' },
  base: { type: 'string' },
  head: { type: 'string' },
  event: { type: 'string' },
  'files-from': { type: 'string' },
  z: { type: 'boolean', short: 'z', default: false },
  'source-repo': { type: 'string' },
  ref: { type: 'string' },
  'default-branch': { type: 'string' },
} as const;

export const PLAN_SELECTOR_HELP = `Which change (one of):
  --base SHA --head SHA   diff two commits of --repo-dir
  --event FILE            a push, pull_request or merge_group event ($GITHUB_EVENT_PATH)
  --files-from FILE|-     changed paths, one per line (-z: NUL-separated); --head names the commit (default HEAD)
Where:
  --config FILE           ecosystem.json (default ./ecosystem.json)
  --repo-dir DIR          the monorepo checkout, with history (default .)
  --source-repo OWNER/NAME  the monorepo as named in payloads (default: from the event or $GITHUB_REPOSITORY)
  --ref REF               the ref named in payloads (default: from the event or $GITHUB_REF)
  --default-branch NAME   base for new branches and force pushes (default: from the event, else main)`;

export interface SelectorValues {
  config: string;
  'repo-dir': string;
  base?: string | undefined;
  head?: string | undefined;
  event?: string | undefined;
  'files-from'?: string | undefined;
  z: boolean;
  'source-repo'?: string | undefined;
  ref?: string | undefined;
  'default-branch'?: string | undefined;
}

export interface SelectedPlan {
  config: EcosystemConfig;
  plan: DispatchPlan;
  changes: DetectedChanges;
}

/** Reads the config, finds the changed files the flags describe and plans the dispatches. */
export async function selectPlan(values: SelectorValues, io: CommandIO): Promise<SelectedPlan> {
  const config = await readEcosystemConfig(resolve(io.cwd, values.config));
  const git = new Git(resolve(io.cwd, values['repo-dir']));
  const found = await findChanges(values, git, io);
  const plan = planDispatches({
    config,
    files: found.changes.files,
    head: found.changes.head ?? '',
    base: found.changes.base,
    sourceRepo: values['source-repo'] ?? found.sourceRepo ?? io.env.GITHUB_REPOSITORY,
    ref: values.ref ?? found.ref ?? io.env.GITHUB_REF,
    note: found.changes.note,
  });
  return { config, plan, changes: found.changes };
}

interface FoundChanges {
  changes: DetectedChanges;
  sourceRepo?: string | undefined;
  ref?: string | undefined;
}

async function findChanges(values: SelectorValues, git: Git, io: CommandIO): Promise<FoundChanges> {
  const chosen = [values.event, values['files-from'], values.base ?? (values.head && !values['files-from'] ? values.head : undefined)].filter(Boolean);
  if (chosen.length > 1) throw new UsageError('choose one of --event, --files-from or --base/--head');
  if (values['files-from'] !== undefined) {
    const text = values['files-from'] === '-' ? await readStream(io.stdin ?? process.stdin) : await readTextFile(resolve(io.cwd, values['files-from']));
    const head = values.head ?? (await headOf(git));
    return { changes: { base: values.base, head, files: parseFileList(text, values.z) } };
  }
  if (values.event !== undefined) {
    const file = resolve(io.cwd, values.event);
    let event: unknown;
    try {
      event = JSON.parse(await readTextFile(file));
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`${values.event} is not valid JSON: ${(error as Error).message}`);
    }
    const context = readEventContext(event, io.env.GITHUB_EVENT_NAME, values.event);
    if (context.range.kind === 'push' && values['default-branch']) context.range.defaultBranch = values['default-branch'];
    return { changes: await detectChanges(git, context.range), sourceRepo: context.sourceRepo, ref: context.ref };
  }
  if (values.base !== undefined && values.head !== undefined) {
    return { changes: await detectChanges(git, { kind: 'commits', base: values.base, head: values.head }) };
  }
  throw new UsageError('say which change to plan for: --base SHA --head SHA, --event FILE or --files-from FILE');
}


async function headOf(git: Git): Promise<string> {
  const head = await git.resolveCommit('HEAD').catch(() => undefined);
  if (!head) throw new UsageError(`${git.cwd} is not a git checkout with commits; pass --head SHA`);
  return head;
}
