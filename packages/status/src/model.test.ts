import { describe, expect, it } from 'vitest';
import { rowState } from './model.js';

const synced = { upstreamCommit: 'a'.repeat(40), cousinCommit: 'b'.repeat(40), date: undefined };
const pull = (conflict: boolean) => ({ number: 1, url: 'u', draft: false, conflict, upstreamCommit: undefined });
const failure = { number: 2, url: 'u', title: 't', updatedAt: 'd' };

describe('rowState: the most urgent fact wins', () => {
  it('unreachable before anything else', () => {
    expect(rowState({ cousin: 'c', feature: 'f', problem: 'gone', pull: pull(true) })).toBe('unreachable');
  });
  it('a conflicting sync PR before a failure issue', () => {
    expect(rowState({ cousin: 'c', feature: 'f', synced, behind: 2, pull: pull(true), failure })).toBe('conflict');
  });
  it('a failure issue before being behind', () => {
    expect(rowState({ cousin: 'c', feature: 'f', synced, behind: 2, failure })).toBe('failing');
  });
  it('behind, never synced, up to date', () => {
    expect(rowState({ cousin: 'c', feature: 'f', synced, behind: 2, pull: pull(false) })).toBe('behind');
    expect(rowState({ cousin: 'c', feature: 'f' })).toBe('never-synced');
    expect(rowState({ cousin: 'c', feature: 'f', synced, behind: 0 })).toBe('up-to-date');
  });
});
