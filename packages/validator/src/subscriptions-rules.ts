import { findRepoNameProblem, globFeatureDepth, isGlobPattern, isPathWithin, mapPath, patternSegments, type JsonPath } from '@ecosystem-dispatcher/core';
import { closestMatch } from './did-you-mean.js';
import { isJsonObject } from './ecosystem-entries.js';
import type { Findings } from './findings.js';
import { findPathFinding, normalizePattern } from './pattern-rules.js';
import { findLiteralName, isWorkflowFile, rootDestinationMessage, workflowFilesMessage } from './reading-rules.js';
import type { TrackedFiles } from './tracked-files.js';

export const SYNC_METHODS = ['patch', 'copy', 'cherry-pick', 'squash', 'merge'] as const;

/** One subscription of a cousin's subscriptions.json, whatever form it was written in. */
interface SubscriptionView {
  path: string | undefined;
  pathAt: JsonPath;
  /** In the map form the upstream path is the key: positions point at the key. */
  pathIsKey: boolean;
  to: string | undefined;
  toAt: JsonPath;
  method: unknown;
  methodAt: JsonPath;
}

function viewEntry(entry: unknown, at: JsonPath): SubscriptionView {
  if (typeof entry === 'string') return { path: entry, pathAt: at, pathIsKey: false, to: undefined, toAt: at, method: undefined, methodAt: at };
  const object = isJsonObject(entry) ? entry : {};
  return {
    path: typeof object.path === 'string' ? object.path : undefined,
    pathAt: [...at, 'path'],
    pathIsKey: false,
    to: typeof object.to === 'string' ? object.to : undefined,
    toAt: [...at, 'to'],
    method: object.method,
    methodAt: [...at, 'method'],
  };
}

function viewMapEntry(path: string, value: unknown, at: JsonPath): SubscriptionView {
  const object = isJsonObject(value) ? value : {};
  const to = typeof value === 'string' ? value : typeof object.to === 'string' ? object.to : undefined;
  return { path, pathAt: at, pathIsKey: true, to, toAt: typeof value === 'string' ? at : [...at, 'to'], method: object.method, methodAt: [...at, 'method'] };
}

function viewSubscriptions(list: unknown, at: JsonPath): SubscriptionView[] | undefined {
  if (Array.isArray(list)) return list.map((entry, i) => viewEntry(entry, [...at, i]));
  if (isJsonObject(list)) return Object.entries(list).map(([path, value]) => viewMapEntry(path, value, [...at, path]));
  return undefined;
}

/**
 * The semantic rules of a cousin's subscriptions.json. `upstream`: the monorepo's tracked
 * files, when known (create-cousin --monorepo), to see what each subscription carries.
 */
export function checkSubscriptionsFile(value: unknown, findings: Findings, upstream?: TrackedFiles): void {
  const object = isJsonObject(value) ? value : undefined;
  const listAt: JsonPath = Array.isArray(value) ? [] : ['subscriptions'];
  const subscriptions = viewSubscriptions(Array.isArray(value) ? value : object?.subscriptions, listAt);
  if (object) checkUpstream(object, findings);
  if (object && 'method' in object) checkMethod(object.method, ['method'], findings);
  if (!subscriptions) return;
  if (subscriptions.length === 0) {
    findings.report('subscriptions/empty', listAt, 'subscriptions is empty, so no dispatch is ever accepted; add the upstream paths this repository follows');
    return;
  }
  const destinations: Array<{ folder: string; view: SubscriptionView }> = [];
  const seen = new Map<string, JsonPath>();
  for (const view of subscriptions) {
    if (view.method !== undefined) checkMethod(view.method, view.methodAt, findings);
    if (view.path === undefined) continue;
    const at = view.pathIsKey ? ('key' as const) : ('value' as const);
    const finding = findPathFinding(view.path, 'path');
    if (finding) {
      findings.report(finding.rule, view.pathAt, finding.message, { at });
      continue;
    }
    const path = normalizePattern(view.path);
    if (isGlobPattern(path)) {
      findings.report('subscriptions/pattern', view.pathAt, globMessage(path), { at });
      continue;
    }
    const first = seen.get(path);
    if (first) {
      findings.report('subscriptions/duplicate', view.pathAt, `${JSON.stringify(view.path)} is listed twice (first on line ${findings.lineOf(first)}); remove one`, { at });
      continue;
    }
    seen.set(path, view.pathAt);
    const carried = upstream?.under(path);
    const literal = findLiteralName(path, 'path', carried !== undefined && carried.length > 0);
    if (literal) findings.report(literal.rule, view.pathAt, literal.message, { at });
    const folder = checkDestination(view, path, findings);
    if (folder === undefined) continue;
    destinations.push({ folder, view });
    if (folder === '' && !(object && 'protect' in object)) {
      const [where, options] = destinationAt(view);
      findings.report('destination/root', where, rootDestinationMessage(path), options);
    }
    checkWorkflowFiles(view, path, folder, carried, findings);
  }
  checkDestinationOverlap(destinations, findings);
}

function checkUpstream(object: Record<string, unknown>, findings: Findings): void {
  if (typeof object.upstream === 'string') {
    const problem = findRepoNameProblem(object.upstream);
    if (problem) findings.report('upstream/format', ['upstream'], `upstream ${JSON.stringify(object.upstream)} ${problem}`);
  } else if (!('upstream' in object)) {
    findings.report('upstream/missing', [], 'no "upstream" is set; add "upstream": "owner/name" so sync can check that a dispatch comes from the monorepo');
  }
}

function checkMethod(method: unknown, at: JsonPath, findings: Findings): void {
  if (typeof method !== 'string' || (SYNC_METHODS as readonly string[]).includes(method)) return;
  const suggestion = closestMatch(method, SYNC_METHODS);
  const hint = suggestion ? `did you mean ${JSON.stringify(suggestion)}?` : `use one of ${SYNC_METHODS.join(', ')}`;
  findings.report('method/unknown', at, `unknown sync method ${JSON.stringify(method)}; ${hint}`);
}

/** The folder the subscription writes into ("" for the cousin root), or undefined when it is invalid. */
function checkDestination(view: SubscriptionView, path: string, findings: Findings): string | undefined {
  if (view.to === undefined) return path;
  if (view.to === '.' || view.to === './') return '';
  const finding = findPathFinding(view.to, 'destination', 'destination');
  if (finding) {
    findings.report(finding.rule, view.toAt, finding.rule === 'destination/empty' ? 'destination is empty; write a folder, or "." for the repository root' : finding.message);
    return undefined;
  }
  return normalizePattern(view.to);
}

/** Where to point at a destination: its "to" value, or the path itself when "to" is left out. */
function destinationAt(view: SubscriptionView): [JsonPath, { at: 'key' | 'value' }] {
  if (view.to !== undefined) return [view.toAt, { at: 'value' }];
  return [view.pathAt, { at: view.pathIsKey ? 'key' : 'value' }];
}

function checkDestinationOverlap(destinations: ReadonlyArray<{ folder: string; view: SubscriptionView }>, findings: Findings): void {
  destinations.forEach(({ folder, view }, i) => {
    const earlier = destinations.slice(0, i);
    const same = earlier.find((other) => other.folder === folder);
    const shown = folder === '' ? '"." (the repository root)' : JSON.stringify(folder);
    if (same) {
      const [at, options] = destinationAt(view);
      findings.report('destination/overlap', at, `${JSON.stringify(view.path)} writes into ${shown}, like ${JSON.stringify(same.view.path)} (line ${findings.lineOf(same.view.pathAt)}); give each subscription its own folder`, options);
      return;
    }
    const outer = destinations.find((other, j) => j !== i && other.folder !== folder && isPathWithin(folder, other.folder));
    if (outer) {
      const outerShown = outer.folder === '' ? '"." (the repository root)' : JSON.stringify(outer.folder);
      const [at, options] = destinationAt(view);
      findings.report('destination/nested', at, `${JSON.stringify(view.path)} writes into ${shown}, inside ${outerShown} where ${JSON.stringify(outer.view.path)} goes; the two syncs can overwrite each other's files`, options);
    }
  });
}

/** What a dispatch names for this glob, so the message can say which folders to list instead. */
function globMessage(path: string): string {
  const folderPart = patternSegments(path).slice(0, globFeatureDepth(path)).join('/');
  return `path ${JSON.stringify(path)} is a glob, and a dispatch never names one: for a change the monorepo sends the concrete folder "${folderPart}" selects (e.g. features/webpush/flask for features/*/flask/**); list each folder this repository follows`;
}

/**
 * Files this subscription would place in a `.github/workflows/` folder of the cousin: from
 * the monorepo's files under the path when they are known, else a destination inside one.
 */
function checkWorkflowFiles(view: SubscriptionView, path: string, folder: string, carried: readonly string[] | undefined, findings: Findings): void {
  const landing = carried
    ? carried.map((file) => mapPath(file, path, folder)).filter(isWorkflowFile)
    : isWorkflowFile(`${folder}/x`) ? [`${folder}/…`] : [];
  if (landing.length === 0) return;
  const [at, options] = destinationAt(view);
  findings.report('subscriptions/workflow-files', at, workflowFilesMessage(`${JSON.stringify(path)}, synced into ${folder === '' ? '"."' : JSON.stringify(folder)},`, landing), options);
}
