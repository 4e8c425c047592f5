import { describe, expect, it } from 'vitest';
import { findSyncPull, type ListedPull } from './sync-pulls.js';

function pull(number: number, ref: string, labels: string[] = []): ListedPull {
  return { number, html_url: `https://github.com/acme/c/pull/${number}`, head: { ref, sha: 'f'.repeat(40) }, labels: labels.map((name) => ({ name })) };
}

describe('findSyncPull', () => {
  it('finds the PR on the stable branch ecosystem/sync/<feature-slug>', () => {
    const pulls = [pull(1, 'feature/login'), pull(2, 'ecosystem/sync/features-webpush-flask')];
    expect(findSyncPull(pulls, 'features/webpush/flask')?.number).toBe(2);
  });

  it('does not take the branch of a feature whose slug merely starts the same', () => {
    expect(findSyncPull([pull(3, 'ecosystem/sync/features-webpush-flask-extra')], 'features/webpush/flask')).toBeUndefined();
  });

  it('finds a PR on a custom branch prefix only when it carries the upstream-sync label', () => {
    expect(findSyncPull([pull(4, 'bots/features-a')], 'features/a')).toBeUndefined();
    expect(findSyncPull([pull(4, 'bots/features-a', ['upstream-sync'])], 'features/a')?.number).toBe(4);
  });
});
