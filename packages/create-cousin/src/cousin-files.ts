import path from 'node:path';
import { DEFAULT_BRANCH_PREFIX, PROJECT_REPO, SCHEMA_URLS, type SubscriptionsObject } from '@ecosystem-dispatcher/core';
import { ROOT, toolVersionOf, type Answers, type FeatureSubscription } from './answers.js';
import { planFile, wholeFile, type PlannedFile } from './file-plan.js';
import { runsPerMonth } from './schedule.js';
import { mergeReadmeSection } from './readme-section.js';
import { actionPin, renderTemplate, stampedRelease, type ReleasePin } from './templates.js';
import { TOOL_PACKAGE, VERSION } from './version.js';

export const WORKFLOW_FILE = '.github/workflows/sync-upstream.yml';
export const SUBSCRIPTIONS_FILE = 'subscriptions.json';
export const README_FILE = 'README.md';

/** The secrets the generated workflows read; the templates name them, next steps tell the user to set them. */
export const SECRET_NAMES = { token: 'ECOSYSTEM_TOKEN', appId: 'ECOSYSTEM_APP_ID', appPrivateKey: 'ECOSYSTEM_APP_PRIVATE_KEY' } as const;

interface WorkflowContextBase {
  generatorVersion: string;
  upstream: string;
  /** The event type as a YAML flow scalar: plain when that reads back the same, else quoted. */
  eventType: string;
  branchPrefix: string;
  configFile: string;
  /** The catch-up schedule, with how many runs a month it makes (for the cost note). */
  schedule: { cron: string; runsPerMonth: number } | undefined;
}

/** sync-upstream.yml.hbs: calls the project's reusable cousin workflow. */
export interface CallingWorkflowContext extends WorkflowContextBase {
  reusableWorkflow: string;
  /** The tag a commit pin stands for, written as the `# vX.Y.Z` comment. */
  pinnedTag: string | undefined;
}

interface PinnedAction {
  uses: string;
  version: string;
}

/** sync-upstream.standalone.yml.hbs: installs the tool itself. */
export interface StandaloneWorkflowContext extends WorkflowContextBase {
  tool: { package: string; version: string };
  actions: { checkout: PinnedAction; setupNode: PinnedAction; appToken: PinnedAction };
}

export interface ReadmeContext {
  upstream: string;
  upstreamUrl: string;
  methodDescription: string;
  subscriptions: Array<FeatureSubscription & { isRoot: boolean }>;
  testCommand: string;
}

const METHOD_DESCRIPTIONS: Record<Answers['method'], string> = {
  patch: 'as a 3-way merge from the last synced upstream commit, so local edits survive and conflicts are marked',
  copy: 'by mirroring the upstream folder, deletions included (local edits inside it are overwritten)',
  'cherry-pick': 'by cherry-picking the upstream commit (for a layout that mirrors the monorepo)',
  squash: 'as one squashed commit of the upstream changes',
  merge: 'as a merge of the upstream changes',
};

function workflowBase(answers: Answers): WorkflowContextBase {
  return {
    generatorVersion: VERSION,
    upstream: answers.upstream,
    eventType: yamlScalar(answers.eventType),
    branchPrefix: DEFAULT_BRANCH_PREFIX,
    configFile: SUBSCRIPTIONS_FILE,
    schedule: answers.schedule === undefined ? undefined : { cron: answers.schedule, runsPerMonth: runsPerMonth(answers.schedule) },
  };
}

/** A JSON string is a valid YAML flow scalar; names made of safe characters stay unquoted, as people write them. */
export function yamlScalar(value: string): string {
  return /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(value) && !/^(?:true|false|null|yes|no|on|off|~|[0-9._-]+)$/i.test(value) ? value : JSON.stringify(value);
}

function pinned(action: string): PinnedAction {
  const pin = actionPin(action);
  return { uses: `${action}@${pin.sha}`, version: pin.version };
}

/**
 * The workflow file. A release build knows the commit of its own tag, so the default ref
 * (that tag) is written as the commit it names, with the tag in a comment.
 */
export function renderWorkflow(answers: Answers, release: ReleasePin | undefined = stampedRelease()): string {
  if (answers.standalone) {
    const context: StandaloneWorkflowContext = {
      ...workflowBase(answers),
      tool: { package: TOOL_PACKAGE, version: toolVersionOf(answers.ref)! },
      actions: { checkout: pinned('actions/checkout'), setupNode: pinned('actions/setup-node'), appToken: pinned('actions/create-github-app-token') },
    };
    return renderTemplate('sync-upstream.standalone.yml.hbs', context);
  }
  const pin = reusableWorkflowPin(answers, release);
  const context: CallingWorkflowContext = {
    ...workflowBase(answers),
    reusableWorkflow: `${PROJECT_REPO}/.github/workflows/cousin-sync.yml@${pin.ref}`,
    pinnedTag: pin.tag,
  };
  return renderTemplate('sync-upstream.yml.hbs', context);
}

/** The ref written after `cousin-sync.yml@`: the release commit when the ref is this build's own tag. */
export function reusableWorkflowPin(answers: Answers, release: ReleasePin | undefined = stampedRelease()): { ref: string; tag: string | undefined } {
  return release && release.tag === answers.ref ? { ref: release.commit, tag: release.tag } : { ref: answers.ref, tag: undefined };
}

/** subscriptions.json as data: serialised by JSON.stringify, never assembled as text. */
export function subscriptionsDocument(answers: Answers): SubscriptionsObject {
  return {
    $schema: SCHEMA_URLS.subscriptions,
    upstream: answers.upstream,
    method: answers.method,
    subscriptions: Object.fromEntries(answers.subscriptions.map((s) => [s.path, s.to])),
    ...(answers.labels.length > 0 ? { pullRequest: { labels: answers.labels } } : {}),
  };
}

export function renderSubscriptions(answers: Answers): string {
  return `${JSON.stringify(subscriptionsDocument(answers), null, 2)}\n`;
}

export function renderReadmeSection(answers: Answers, testCommand: string): string {
  const context: ReadmeContext = {
    upstream: answers.upstream,
    upstreamUrl: `https://github.com/${answers.upstream}`,
    methodDescription: METHOD_DESCRIPTIONS[answers.method],
    subscriptions: answers.subscriptions.map((s) => ({ ...s, isRoot: s.to === ROOT })),
    testCommand,
  };
  return renderTemplate('readme-section.md.hbs', context);
}

/** The three files a cousin gets, compared with what its folder holds now. */
export async function planCousinFiles(answers: Answers, testCommand: string): Promise<PlannedFile[]> {
  const title = answers.repo?.split('/')[1] ?? path.basename(answers.dir);
  const section = renderReadmeSection(answers, testCommand);
  return Promise.all([
    planFile(answers.dir, WORKFLOW_FILE, wholeFile(renderWorkflow(answers))),
    planFile(answers.dir, SUBSCRIPTIONS_FILE, wholeFile(renderSubscriptions(answers))),
    planFile(answers.dir, README_FILE, (current) => {
      const merged = mergeReadmeSection(current, section, title);
      return { text: merged.text, replaces: merged.replacesSection };
    }),
  ]);
}
