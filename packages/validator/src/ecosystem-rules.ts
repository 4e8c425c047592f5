import { findRepoNameProblem, repoKey, type JsonPath } from '@ecosystem-dispatcher/core';
import picomatch from 'picomatch';
import type { CousinView, EcosystemView, PatternEntry } from './ecosystem-entries.js';
import type { Findings } from './findings.js';
import { covers, mayOverlap, patternTest } from './pattern-logic.js';
import { findPatternFinding, normalizePattern } from './pattern-rules.js';
import { findLiteralName, findNegatedExtglob, isWorkflowFile, workflowFilesMessage } from './reading-rules.js';
import type { TrackedFiles } from './tracked-files.js';

/** A pattern that passed the path and glob rules, normalised like core's matcher. */
interface CheckedPattern {
  pattern: string;
  entry: PatternEntry;
}

const MAX_EVENT_TYPE = 100;

/** The semantic rules of ecosystem.json; `tracked` turns on the checks against the monorepo's files. */
export function checkEcosystem(view: EcosystemView, findings: Findings, tracked: TrackedFiles | undefined): void {
  checkRepos(view.cousins, findings);
  for (const eventType of [view.defaultEventType, ...view.cousins.map((c) => c.eventType)]) {
    if (eventType) checkEventType(eventType.value, eventType.path, findings);
  }
  const excludes = checkGlobalExcludes(view.globalExcludes, findings, tracked);
  const globallyExcluded = excludes.length > 0 ? picomatch(excludes, { dot: true }) : undefined;
  for (const cousin of view.cousins) checkCousin(cousin, findings, tracked, globallyExcluded);
}

function checkRepos(cousins: readonly CousinView[], findings: Findings): void {
  const seen = new Map<string, { value: string; path: JsonPath }>();
  for (const { repo } of cousins) {
    if (!repo) continue;
    const problem = findRepoNameProblem(repo.value);
    if (problem) {
      findings.report('repo/format', repo.path, `repository ${JSON.stringify(repo.value)} ${problem}`);
      continue;
    }
    const first = seen.get(repoKey(repo.value));
    if (!first) {
      seen.set(repoKey(repo.value), repo);
      continue;
    }
    const caseNote = first.value === repo.value ? '' : ` as ${JSON.stringify(first.value)} (GitHub names are case-insensitive)`;
    findings.report('repo/duplicate', repo.path, `repository ${JSON.stringify(repo.value)} is already listed on line ${findings.lineOf(first.path)}${caseNote}; merge the two entries into one cousin`);
  }
}

function checkEventType(value: string, path: JsonPath, findings: Findings): void {
  const length = [...value].length;
  if (length === 0) findings.report('event-type/length', path, 'eventType is empty; GitHub needs 1 to 100 characters (leave it out for the default "feature-update")');
  else if (length > MAX_EVENT_TYPE) findings.report('event-type/length', path, `eventType has ${length} characters; GitHub rejects more than ${MAX_EVENT_TYPE}: shorten it`);
}

function checkGlobalExcludes(entries: readonly PatternEntry[], findings: Findings, tracked: TrackedFiles | undefined): string[] {
  const valid: string[] = [];
  for (const entry of entries) {
    if (entry.written.startsWith('!')) {
      findings.report('glob/invalid', entry.path, `defaults.exclude entries are exclusions already; remove the leading "!" from ${JSON.stringify(entry.written)} (it would invert the glob and exclude almost everything)`);
      continue;
    }
    const finding = findPatternFinding(entry.written, 'exclusion');
    if (finding) findings.report(finding.rule, entry.path, finding.message);
    if (finding && finding.rule !== 'glob/globstar') continue;
    const pattern = normalizePattern(entry.written);
    const matched = tracked?.matching(pattern);
    if (matched && matched.length === 0) {
      findings.report('exclusion/unused', entry.path, `exclusion ${JSON.stringify(entry.written)} matches no tracked file of the monorepo; remove it or fix the path`);
    }
    reportLiteralName(pattern, entry, 'exclusion', matched, findings);
    valid.push(pattern);
  }
  return valid;
}

function checkCousin(cousin: CousinView, findings: Findings, tracked: TrackedFiles | undefined, globallyExcluded: ((path: string) => boolean) | undefined): void {
  if (!cousin.patterns) return;
  const { subscriptions, exclusions } = checkPatterns(cousin.patterns, findings);
  if (cousin.patternCount === 0) {
    findings.report('subscriptions/empty', cousin.patternsPath, 'subscriptions is empty, so this cousin never gets a dispatch; add the paths it follows, e.g. "features/webpush/flask"');
    return;
  }
  if (cousin.patterns.length === cousin.patternCount && cousin.patterns.every((p) => p.written.startsWith('!'))) {
    findings.report('subscriptions/empty', cousin.patternsPath, 'subscriptions holds only exclusions, so this cousin never gets a dispatch; add the paths it follows');
    return;
  }
  checkNesting(subscriptions, findings);
  for (const { pattern, entry } of [...subscriptions, ...exclusions]) {
    reportLiteralName(pattern, entry, entry.written.startsWith('!') ? 'exclusion' : 'subscription', tracked?.matching(pattern), findings);
  }
  if (tracked) checkAgainstTrackedFiles(subscriptions, exclusions, findings, tracked, globallyExcluded);
  else checkExclusionsByPattern(subscriptions, exclusions, findings);
}

/** Path and glob rules per entry, then duplicates; returns the entries fit for the set checks. */
function checkPatterns(entries: readonly PatternEntry[], findings: Findings): { subscriptions: CheckedPattern[]; exclusions: CheckedPattern[] } {
  const subscriptions: CheckedPattern[] = [];
  const exclusions: CheckedPattern[] = [];
  const seen = new Map<string, JsonPath>();
  for (const entry of entries) {
    const negated = findNegatedExtglob(entry.written, 'subscription');
    if (negated) {
      findings.report(negated.rule, entry.path, negated.message);
      continue;
    }
    const exclusion = entry.written.startsWith('!');
    const body = exclusion ? entry.written.slice(1) : entry.written;
    const finding = findPatternFinding(body, exclusion ? 'exclusion' : 'subscription');
    if (finding) findings.report(finding.rule, entry.path, finding.message);
    if (finding && finding.rule !== 'glob/globstar') continue;
    const pattern = normalizePattern(body);
    const key = `${exclusion ? '!' : ''}${pattern}`;
    const first = seen.get(key);
    if (first) {
      findings.report('subscriptions/duplicate', entry.path, `${JSON.stringify(entry.written)} is listed twice in this cousin (first on line ${findings.lineOf(first)}); remove one`);
      continue;
    }
    seen.set(key, entry.path);
    (exclusion ? exclusions : subscriptions).push({ pattern, entry });
  }
  return { subscriptions, exclusions };
}

function checkNesting(subscriptions: readonly CheckedPattern[], findings: Findings): void {
  for (const inner of subscriptions) {
    const outer = subscriptions.find((candidate) => covers(candidate.pattern, inner.pattern));
    if (!outer) continue;
    findings.report(
      'subscriptions/nested',
      inner.entry.path,
      `subscription ${JSON.stringify(inner.entry.written)} lies inside ${JSON.stringify(outer.entry.written)} (line ${findings.lineOf(outer.entry.path)}), which already covers it; remove it`,
    );
  }
}

function checkExclusionsByPattern(subscriptions: readonly CheckedPattern[], exclusions: readonly CheckedPattern[], findings: Findings): void {
  for (const exclusion of exclusions) {
    if (subscriptions.some((s) => mayOverlap(s.pattern, exclusion.pattern))) continue;
    findings.report('exclusion/unused', exclusion.entry.path, `exclusion ${JSON.stringify(exclusion.entry.written)} excludes nothing: it lies outside every subscription of this cousin; remove it or fix the path`);
  }
}

function checkAgainstTrackedFiles(
  subscriptions: readonly CheckedPattern[],
  exclusions: readonly CheckedPattern[],
  findings: Findings,
  tracked: TrackedFiles,
  globallyExcluded: ((path: string) => boolean) | undefined,
): void {
  const excluded = (file: string) => globallyExcluded?.(file) === true || exclusions.some((x) => patternTest(x.pattern)(file));
  for (const { pattern, entry } of subscriptions) {
    const files = tracked.matching(pattern);
    const workflows = files.filter((file) => isWorkflowFile(file) && !excluded(file));
    if (workflows.length > 0) findings.report('subscriptions/workflow-files', entry.path, workflowFilesMessage(`subscription ${JSON.stringify(entry.written)}`, workflows));
    if (files.length === 0) {
      const suggestion = tracked.suggest(pattern);
      const hint = suggestion ? `; did you mean ${JSON.stringify(suggestion)}?` : '; check the spelling (untracked and ignored files do not count)';
      findings.report('path/no-match', entry.path, `subscription ${JSON.stringify(entry.written)} matches no tracked file of the monorepo, so it never fires${hint}`);
    } else if (files.every(excluded)) {
      findings.report('path/no-match', entry.path, `every tracked file subscription ${JSON.stringify(entry.written)} matches is excluded (by this cousin's exclusions or defaults.exclude), so it never fires; narrow the exclusions`);
    }
  }
  for (const { pattern, entry } of exclusions) {
    const files = tracked.matching(pattern);
    if (files.some((file) => subscriptions.some((s) => patternTest(s.pattern)(file)))) continue;
    const reason = files.length === 0 ? 'matches no tracked file of the monorepo' : 'excludes no file that this cousin subscribes to';
    findings.report('exclusion/unused', entry.path, `exclusion ${JSON.stringify(entry.written)} ${reason}; remove it or fix the path`);
  }
}

/** Brackets or parentheses read as a name where picomatch would read a class or a choice; not when tracked files show the name is real. */
function reportLiteralName(pattern: string, entry: PatternEntry, what: string, matched: readonly string[] | undefined, findings: Findings): void {
  const finding = findLiteralName(pattern, what, matched !== undefined && matched.length > 0);
  if (finding) findings.report(finding.rule, entry.path, finding.message);
}
