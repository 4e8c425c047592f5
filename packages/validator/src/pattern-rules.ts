import { describePathProblem, findPathProblem, type PathProblem } from '@ecosystem-dispatcher/core';
import { patternShape } from './pattern-logic.js';
import picomatch from 'picomatch';
import type { RuleId } from './rules.js';

export interface PatternFinding {
  rule: RuleId;
  message: string;
}

const PATH_RULES: Record<PathProblem, RuleId> = {
  empty: 'path/empty',
  absolute: 'path/absolute',
  backslash: 'path/backslash',
  'parent-segment': 'path/parent',
  'dot-segment': 'path/dot-segment',
  'empty-segment': 'path/empty-segment',
  'control-character': 'path/control-character',
};

const DESTINATION_RULES: Record<PathProblem, RuleId> = {
  empty: 'destination/empty',
  absolute: 'destination/absolute',
  backslash: 'destination/backslash',
  'parent-segment': 'destination/parent',
  'dot-segment': 'destination/dot-segment',
  'empty-segment': 'destination/empty-segment',
  'control-character': 'destination/control-character',
};

/** Path rules of core, as lint findings. `what` names the value in the message ("subscription"). */
export function findPathFinding(path: string, what: string, kind: 'path' | 'destination' = 'path'): PatternFinding | undefined {
  const problem = findPathProblem(path);
  if (!problem) return undefined;
  if (problem === 'empty') return { rule: kind === 'path' ? 'path/empty' : 'destination/empty', message: `${what} is empty; write a path such as "features/webpush/flask", or remove the entry` };
  return { rule: (kind === 'path' ? PATH_RULES : DESTINATION_RULES)[problem], message: `${what} ${JSON.stringify(path)} ${describePathProblem(problem)}` };
}

const PAIRS: ReadonlyArray<[string, string]> = [
  ['[', ']'],
  ['{', '}'],
  ['(', ')'],
];

/** The first opening bracket, brace or parenthesis that is never closed. */
function findUnclosed(pattern: string): string | undefined {
  if (!/[[{(]/.test(pattern)) return undefined;
  const open = new Map<string, number>();
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') i++;
    for (const [opener, closer] of PAIRS) {
      if (c === opener) open.set(opener, (open.get(opener) ?? 0) + 1);
      else if (c === closer && (open.get(opener) ?? 0) > 0) open.set(opener, open.get(opener)! - 1);
    }
  }
  return PAIRS.find(([opener]) => (open.get(opener) ?? 0) > 0)?.[0];
}

/**
 * Globs that cannot do what they say. picomatch never throws on a bad glob: it quietly
 * compiles `{a,b` or `[z-a]` to a regex that matches nothing, and reads `**.py` as `*.py`.
 */
export function findGlobFinding(pattern: string, what: string): PatternFinding | undefined {
  const quoted = JSON.stringify(pattern);
  if (pattern.startsWith('!')) {
    return { rule: 'glob/invalid', message: `${what} ${quoted} starts with "!" once too often: "!" already means "exclude", and a second one inverts the glob so it excludes almost everything` };
  }
  const unclosed = findUnclosed(pattern);
  if (unclosed) return { rule: 'glob/invalid', message: `${what} ${quoted} has a "${unclosed}" that is never closed; close it or remove it` };
  if (!patternShape(pattern).isGlob) return undefined;
  // Only brackets, braces and extglob parentheses can make the regex fail; compiling costs time.
  if (/[[{(]/.test(pattern) && picomatch.makeRe(pattern, { dot: true }).source === '$^') {
    return { rule: 'glob/invalid', message: `${what} ${quoted} is not a valid glob and can never match; check its character ranges and braces` };
  }
  const segment = pattern.split('/').find((s) => s.includes('**') && s !== '**');
  if (segment) {
    return { rule: 'glob/globstar', message: `${what} ${quoted} has "**" inside the segment "${segment}", where it only acts like "*"; make "**" a whole segment, e.g. "**/${segment.replace(/\*\*+/g, '*')}"` };
  }
  return undefined;
}

const patternFindings = new Map<string, PatternFinding | undefined>();

/**
 * Path rules first (they make the value unusable), then glob rules. Memoised: a large
 * config names the same features in many cousins, and lint runs cold, where every
 * repeated check costs.
 */
export function findPatternFinding(pattern: string, what: string): PatternFinding | undefined {
  const key = `${what}\0${pattern}`;
  if (patternFindings.has(key)) return patternFindings.get(key);
  const finding = findPathFinding(pattern, what) ?? findGlobFinding(pattern, what);
  patternFindings.set(key, finding);
  return finding;
}

/** Drops the trailing "/" core ignores, so duplicates and nesting compare like the matcher does. */
export function normalizePattern(pattern: string): string {
  return pattern.endsWith('/') ? pattern.slice(0, -1) : pattern;
}
