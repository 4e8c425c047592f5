import path from 'node:path';
import { parseCousinConfig, UsageError, type SubscriptionsObject } from '@ecosystem-dispatcher/core';
import { parse } from 'yaml';
import { ROOT } from './answers.js';
import { README_FILE, SUBSCRIPTIONS_FILE, WORKFLOW_FILE } from './cousin-files.js';
import { readIfExists } from './file-plan.js';
import { SECTION_END, SECTION_START } from './readme-section.js';

/** The answers a previous run left in the files it wrote; each one undefined when it cannot be read back. */
export interface RecordedAnswers {
  upstream: string | undefined;
  subscribe: string[];
  method: string | undefined;
  labels: string | undefined;
  repo: string | undefined;
  standalone: boolean;
  ref: string | undefined;
  eventType: string | undefined;
  schedule: string | undefined;
}

/**
 * Reads back what create-cousin wrote into `dir` — subscriptions.json, the workflow and the
 * README section — so a bare re-run or `--check` needs no flags. Undefined when there is no
 * subscriptions.json (nothing was written yet).
 */
export async function readRecordedAnswers(dir: string): Promise<RecordedAnswers | undefined> {
  const file = path.join(dir, SUBSCRIPTIONS_FILE);
  const text = await readIfExists(file);
  if (text === undefined) return undefined;
  // Checked like sync would read it: a broken file is an error naming its spot, not silence.
  parseCousinConfig(text, file);
  const raw = JSON.parse(text) as SubscriptionsObject | string[];
  const object: Partial<SubscriptionsObject> = Array.isArray(raw) ? { subscriptions: raw } : raw;
  const workflow = await readWorkflow(path.join(dir, WORKFLOW_FILE));
  return {
    upstream: object.upstream,
    subscribe: subscribeSpecs(object.subscriptions ?? []),
    method: object.method,
    labels: object.pullRequest?.labels?.length ? object.pullRequest.labels.join(',') : undefined,
    repo: await readmeRepo(path.join(dir, README_FILE)),
    ...workflow,
  };
}

/** `--subscribe` specs: "path:dest", the form create-cousin takes them in. */
function subscribeSpecs(subscriptions: NonNullable<SubscriptionsObject['subscriptions']>): string[] {
  const entries = Array.isArray(subscriptions)
    ? subscriptions.map((entry) => (typeof entry === 'string' ? { path: entry, to: undefined } : { path: entry.path, to: entry.to }))
    : Object.entries(subscriptions).map(([feature, value]) => ({ path: feature, to: typeof value === 'string' ? value : value.to }));
  return entries.map(({ path: feature, to }) => (to === undefined ? feature : `${feature}:${to === '' || to === './' ? ROOT : to}`));
}

interface WorkflowAnswers {
  standalone: boolean;
  ref: string | undefined;
  eventType: string | undefined;
  schedule: string | undefined;
}

async function readWorkflow(file: string): Promise<WorkflowAnswers> {
  const text = await readIfExists(file);
  if (text === undefined) return { standalone: false, ref: undefined, eventType: undefined, schedule: undefined };
  let workflow: { on?: { repository_dispatch?: { types?: unknown }; schedule?: unknown }; env?: { ECOSYSTEM_VERSION?: unknown } } | undefined;
  try {
    workflow = parse(text) as typeof workflow;
  } catch (error) {
    throw new UsageError(`${file} is not valid YAML (${(error as Error).message.split('\n')[0]}); pass the answers as flags, with --force`);
  }
  const types = workflow?.on?.repository_dispatch?.types;
  const eventType = Array.isArray(types) && types.length === 1 ? String(types[0]) : undefined;
  const schedules = workflow?.on?.schedule;
  const cron = Array.isArray(schedules) && schedules.length === 1 ? (schedules[0] as { cron?: unknown }).cron : undefined;
  const schedule = typeof cron === 'string' ? cron : undefined;
  const version = workflow?.env?.ECOSYSTEM_VERSION;
  if (version !== undefined) return { standalone: true, ref: `v${String(version)}`, eventType, schedule };
  // `cousin-sync.yml@<commit> # v1.2.3` stands for the tag in the comment: the answer given was the tag.
  const pin = /cousin-sync\.yml@(\S+)(?:[ \t]+#[ \t]*(\S+))?/.exec(text);
  return { standalone: false, ref: pin?.[2] ?? pin?.[1], eventType, schedule };
}

/** The cousin named in the README section's manual dispatch command (`gh api repos/OWNER/NAME/dispatches`). */
async function readmeRepo(file: string): Promise<string | undefined> {
  const text = await readIfExists(file);
  const start = text?.indexOf(SECTION_START.slice(0, 24)) ?? -1;
  if (text === undefined || start === -1) return undefined;
  const section = text.slice(start, text.indexOf(SECTION_END, start));
  const repo = /gh api repos\/([^/\s]+\/[^/\s]+)\/dispatches/.exec(section)?.[1];
  return repo === 'OWNER/REPO' ? undefined : repo;
}
