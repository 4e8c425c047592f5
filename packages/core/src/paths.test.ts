import { describe, expect, it } from 'vitest';
import { findPathProblem, isPathWithin, mapPath, normalizeRepoPath, PathRuleError } from './paths.js';

describe('path rules', () => {
  it('accepts relative POSIX paths and drops one trailing slash', () => {
    expect(normalizeRepoPath('features/webpush/flask')).toBe('features/webpush/flask');
    expect(normalizeRepoPath('features/webpush/flask/')).toBe('features/webpush/flask');
    expect(normalizeRepoPath('features/.env.example')).toBe('features/.env.example');
  });

  it.each([
    ['', 'empty'],
    ['/', 'absolute'],
    ['/features/x', 'absolute'],
    ['C:/features', 'absolute'],
    ['features\\webpush', 'backslash'],
    ['features/../secrets', 'parent-segment'],
    ['..', 'parent-segment'],
    ['features/./x', 'dot-segment'],
    ['features//x', 'empty-segment'],
    ['features/x//', 'empty-segment'],
    ['features/a\nb', 'control-character'],
  ])('rejects %j as %s', (path, problem) => {
    expect(findPathProblem(path)).toBe(problem);
    expect(() => normalizeRepoPath(path)).toThrow(PathRuleError);
  });

  it('is case-sensitive like git', () => {
    expect(isPathWithin('Features/x', 'features')).toBe(false);
  });

  it('contains paths on segment boundaries only', () => {
    expect(isPathWithin('features/webpush/flask/app/x.py', 'features/webpush/flask')).toBe(true);
    expect(isPathWithin('features/webpush/flask', 'features/webpush/flask')).toBe(true);
    expect(isPathWithin('features/webpush/flask-v2/x.py', 'features/webpush/flask')).toBe(false);
    expect(isPathWithin('anything', '')).toBe(true);
  });

  it('maps a path from one root to another', () => {
    expect(mapPath('features/webpush/flask/app/x.py', 'features/webpush/flask', 'app/push')).toBe('app/push/app/x.py');
    expect(mapPath('features/webpush/flask/app/x.py', 'features/webpush/flask', '')).toBe('app/x.py');
    expect(mapPath('features/webpush/flask/app/x.py', 'features/webpush/flask', '.')).toBe('app/x.py');
    expect(() => mapPath('other/x', 'features', 'a')).toThrow();
  });
});
