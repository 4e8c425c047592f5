import { describe, expect, it } from 'vitest';
import { closestMatch, editDistance } from './did-you-mean.js';

describe('did you mean', () => {
  const keys = ['repo', 'subscriptions', 'eventType', 'batch', 'enabled', 'description'];

  it.each([
    ['subscription', 'subscriptions'],
    ['Repo', 'repo'],
    ['event_type', 'eventType'],
    ['subscirptions', 'subscriptions'],
    ['enable', 'enabled'],
  ])('%s → %s', (word, expected) => {
    expect(closestMatch(word, keys)).toBe(expected);
  });

  it('suggests nothing for a word far from every candidate', () => {
    expect(closestMatch('colour', keys)).toBeUndefined();
    expect(closestMatch('x', keys)).toBeUndefined();
  });

  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});
