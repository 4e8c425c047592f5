import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DispatchReport } from '@ecosystem-dispatcher/dispatch';
import type { Octokit } from '@ecosystem-dispatcher/github';
import { commitAndPush, DEMO_COUSINS, editFile, lastLine, MONOREPO, type FleetContext } from './fleet.js';
import { demoBins, runNode } from './processes.js';
import { syncPulls, type PullSnapshot } from './pull-requests.js';
import type { SyncRun } from './sync-runner.js';

export type PullAction = 'opened' | 'updated' | 'unchanged';

export interface CousinOutcome {
  repo: string;
  notified: boolean;
  features: string[];
  /** In plain words: what happened to this cousin and why. */
  story: string;
  sync?: { code: number; summary: string };
  pull?: PullSnapshot & { action: PullAction; conflict: boolean };
}

export interface PushStep {
  title: string;
  commit: string;
  changedFiles: string[];
  dispatch: { code: number; delivered: number; failed: number; requests: number };
  cousins: CousinOutcome[];
}

export type FileEdits = Record<string, (text: string) => string>;

/**
 * One upstream push, end to end: commit and push to the monorepo, run `ecosystem dispatch`
 * on the push event as the reusable workflow does, let every notified cousin run its sync
 * (github-sim delivers the dispatch to the handler), and read what GitHub now shows.
 */
export async function runPush(ctx: FleetContext, octokit: Octokit, runs: SyncRun[], title: string, edits: FileEdits): Promise<PushStep> {
  const before = await snapshotAll(octokit);
  for (const [path, edit] of Object.entries(edits)) await editFile(ctx.monorepo, path, edit);
  const push = await commitAndPush(ctx.monorepo, title);
  const changedFiles = (await ctx.monorepo.output(['diff', '--name-only', '-z', push.before, push.after])).split('\0').filter(Boolean);

  const stepDir = join(ctx.work, 'pushes', push.after.slice(0, 12));
  await mkdir(stepDir, { recursive: true });
  const eventPath = join(stepDir, 'push.json');
  const reportPath = join(stepDir, 'dispatch-report.json');
  await writeFile(eventPath, JSON.stringify({ ref: 'refs/heads/main', before: push.before, after: push.after, repository: { full_name: MONOREPO, default_branch: 'main' } }));
  const env = { ...ctx.env, ECOSYSTEM_TOKEN: ctx.token, GITHUB_REPOSITORY: MONOREPO, GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: eventPath };
  const firstRun = runs.length;
  const dispatch = await runNode(demoBins().ecosystem, ['dispatch', '--event', eventPath, '--api-url', ctx.sim.url, '--report', reportPath], { cwd: ctx.monorepo.cwd, env });
  if (dispatch.code === 2) throw new Error(`ecosystem dispatch failed: ${lastLine(dispatch.stderr)}`);
  await ctx.sim.idle();
  const report = JSON.parse(await readFile(reportPath, 'utf8')) as DispatchReport;
  const after = await snapshotAll(octokit);
  const stepRuns = runs.slice(firstRun);
  return {
    title,
    commit: push.after,
    changedFiles,
    dispatch: { code: dispatch.code, delivered: report.counts.delivered, failed: report.counts.failed, requests: report.requests },
    cousins: DEMO_COUSINS.map((cousin) => outcome(cousin.repo, report, stepRuns, before.get(cousin.repo) ?? [], after.get(cousin.repo) ?? [])),
  };
}

async function snapshotAll(octokit: Octokit): Promise<Map<string, PullSnapshot[]>> {
  const all = new Map<string, PullSnapshot[]>();
  for (const cousin of DEMO_COUSINS) all.set(cousin.repo, await syncPulls(octokit, cousin.repo));
  return all;
}

function outcome(repo: string, report: DispatchReport, runs: SyncRun[], before: PullSnapshot[], after: PullSnapshot[]): CousinOutcome {
  const delivered = report.results.filter((r) => r.repo === repo && r.status === 'delivered');
  const failed = report.results.find((r) => r.repo === repo && r.status === 'failed');
  if (delivered.length === 0) {
    const story = failed ? `dispatch failed: ${failed.reason ?? 'unknown reason'}` : 'left alone: none of its subscribed paths changed';
    return { repo, notified: false, features: [], story };
  }
  const features = delivered.flatMap((r) => r.features);
  const run = runs.find((r) => r.repo === repo);
  const sync = run ? { code: run.code, summary: run.summary } : undefined;
  const changed = after.find((pull) => {
    const previous = before.find((b) => b.number === pull.number);
    return !previous || previous.headSha !== pull.headSha || previous.state !== pull.state;
  });
  if (!changed) {
    return { repo, notified: true, features, ...(sync ? { sync } : {}), story: sync?.code === 0 ? 'notified; nothing new to propose' : `notified; sync failed: ${sync?.summary ?? 'it did not run'}` };
  }
  const action: PullAction = before.some((b) => b.number === changed.number) ? 'updated' : 'opened';
  const conflict = changed.labels.includes('conflict');
  const story = `${action} PR #${changed.number} with ${changed.files.length} file(s)${conflict ? ' — CONFLICT with a local edit, marked for a person to resolve' : ''}`;
  return { repo, notified: true, features, ...(sync ? { sync } : {}), story, pull: { ...changed, action, conflict } };
}
