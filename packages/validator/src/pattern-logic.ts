import { isGlobPattern, isPathWithin, subscriptionTest } from '@ecosystem-dispatcher/core';
import picomatch from 'picomatch';

interface PatternShape {
  isGlob: boolean;
  /** The part before the first glob character: every match lies under it. */
  base: string;
}

const shapes = new Map<string, PatternShape>();

/** Scanned once per distinct pattern: the nesting and overlap checks ask about each pattern many times. */
export function patternShape(pattern: string): PatternShape {
  let shape = shapes.get(pattern);
  if (!shape) {
    const isGlob = isGlobPattern(pattern);
    shape = { isGlob, base: isGlob ? picomatch.scan(pattern).base : pattern };
    shapes.set(pattern, shape);
  }
  return shape;
}

export function staticBase(pattern: string): string {
  return patternShape(pattern).base;
}

/**
 * Whether two patterns could match a common path, judged by their static bases: if
 * neither base lies within the other, the two trees are disjoint. Conservative: it may
 * say "yes" for globs that in fact never meet, never "no" for patterns that do.
 */
export function mayOverlap(a: string, b: string): boolean {
  const x = staticBase(a);
  const y = staticBase(b);
  return isPathWithin(x, y) || isPathWithin(y, x);
}

/** A literal (directory or file) subscription covers every path under it, globs included. */
export function covers(outer: string, inner: string): boolean {
  return outer !== inner && !patternShape(outer).isGlob && isPathWithin(staticBase(inner), outer);
}

const compiled = new Map<string, (path: string) => boolean>();

/** A path test with core's matcher semantics: the named path and what is under it, and a glob's matches with dotfiles. */
export function patternTest(pattern: string): (path: string) => boolean {
  let test = compiled.get(pattern);
  if (!test) {
    test = subscriptionTest(pattern);
    compiled.set(pattern, test);
  }
  return test;
}
