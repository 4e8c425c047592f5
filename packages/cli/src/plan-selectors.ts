import { resolve } from 'node:path';
import {
  detectChanges,
  Git,
  parseFileList,
  planDispatches,
  readEcosystemConfig,
  readEventContext,
  readTextFile,
  repoFromRemoteUrl,
  resolveRevision,
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
  --base REV --head REV   diff two commits of --repo-dir (any revision: a SHA, HEAD~3, a tag)
  --event FILE            a push, pull_request or merge_group event ($GITHUB_EVENT_PATH)
  --files-from FILE|-     changed paths, one per line (-z: NUL-separated); --head names the commit (default HEAD)
Where:
  --config FILE           ecosystem.json (default ./ecosystem.json)
  --repo-dir DIR          the monorepo checkout, with history (default .)
  --source-repo OWNER/NAME  the monorepo as named in payloads (default: from the event, else
                          $GITHUB_REPOSITORY, else the GitHub URL of --repo-dir's origin)
  --ref REF               the ref named in payloads (default: from the event, else $GITHUB_REF,
                          else the checked-out branch)
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
    sourceRepo: values['source-repo'] ?? found.sourceRepo ?? (io.env.GITHUB_REPOSITORY || undefined) ?? (await originRepo(git)),
    ref: values.ref ?? found.ref ?? (io.env.GITHUB_REF || undefined) ?? (await currentBranchRef(git)),
    note: found.changes.note,
  });
  return { config, plan, changes: found.changes };
}

/** owner/name of the checkout's `origin` when it is a GitHub or GHES URL (https or ssh). */
async function originRepo(git: Git): Promise<string | undefined> {
  const remote = await git.run(['config', '--get', 'remote.origin.url'], { okCodes: [1, 128] }).catch(() => undefined);
  return remote?.code === 0 ? repoFromRemoteUrl(remote.stdout.trim()) : undefined;
}

/** refs/heads/NAME of the checked-out branch; undefined on a detached HEAD or outside a checkout. */
async function currentBranchRef(git: Git): Promise<string | undefined> {
  const branch = await git.run(['symbolic-ref', '--quiet', 'HEAD'], { okCodes: [1, 128] }).catch(() => undefined);
  return branch?.code === 0 ? branch.stdout.trim() || undefined : undefined;
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
    // The payload names a full SHA: --head may be any revision of --repo-dir (a full SHA needs no checkout).
    const head = values.head === undefined ? await headOf(git) : FULL_SHA.test(values.head) ? values.head : await resolveRevision(git, values.head);
    return { changes: { base: undefined, head, files: parseFileList(text, values.z) } };
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


const FULL_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

async function headOf(git: Git): Promise<string> {
  const head = await git.resolveCommit('HEAD').catch(() => undefined);
  if (!head) throw new UsageError(`${git.cwd} is not a git checkout with commits; pass --head SHA`);
  return head;
}
