import { describe, expect, it } from 'vitest';
import { closestNames, didYouMean } from './suggest.js';

describe('closestNames', () => {
  it('finds a command with a letter missing or two letters swapped', () => {
    expect(closestNames('lnt', ['lint', 'plan', 'status'])).toEqual(['lint']);
    expect(closestNames('stauts', ['lint', 'plan', 'status'])).toEqual(['status']);
  });

  it('finds a flag and a repository name with a typo', () => {
    expect(closestNames('--formt', ['--format', '--root', '--kind'])).toEqual(['--format']);
    expect(closestNames('acme/flsk-push-app', ['acme/flask-push-app', 'acme/pwa-app', 'other/flask-push-app'])).toEqual(['acme/flask-push-app']);
  });

  it('lists the closest first and says nothing when no name is near', () => {
    expect(closestNames('plam', ['plan', 'play', 'lint'])).toEqual(['plan', 'play']);
    expect(closestNames('xyzzy', ['lint', 'plan'])).toEqual([]);
  });
});

describe('didYouMean', () => {
  it('forms one suggestion, several, or none', () => {
    expect(didYouMean('lnt', ['lint'])).toBe(' (did you mean lint?)');
    expect(didYouMean('plam', ['plan', 'play'])).toBe(' (did you mean one of plan, play?)');
    expect(didYouMean('xyzzy', ['lint'])).toBe('');
  });
});
