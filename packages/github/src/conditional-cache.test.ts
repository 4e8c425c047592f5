import { describe, expect, it } from 'vitest';
import { isPinnedToCommit } from './conditional-cache.js';

const SHA = 'a'.repeat(40);
const pinned = (path: string) => isPinnedToCommit(new URL(`https://api.github.com${path}`));

describe('isPinnedToCommit', () => {
  it('holds for reads that name a full commit SHA', () => {
    expect(pinned(`/repos/o/r/contents/features?ref=${SHA}`)).toBe(true);
    expect(pinned(`/repos/o/r/contents?ref=${SHA}`)).toBe(true);
    expect(pinned(`/repos/o/r/commits?sha=${SHA}&path=features%2Fa&per_page=100&page=1`)).toBe(true);
    expect(pinned(`/repos/o/r/git/trees/${SHA}`)).toBe(true);
    expect(pinned(`/repos/o/r/commits/${SHA}`)).toBe(true);
    expect(pinned(`/repos/o/r/compare/${SHA}...${'b'.repeat(40)}`)).toBe(true);
  });

  it('does not hold for branches, short SHAs, or what changes at a fixed commit (statuses, check runs)', () => {
    expect(pinned('/repos/o/r/contents/features?ref=main')).toBe(false);
    expect(pinned('/repos/o/r/contents/features')).toBe(false);
    expect(pinned(`/repos/o/r/contents?ref=${SHA.slice(0, 12)}`)).toBe(false);
    expect(pinned(`/repos/o/r/commits/${SHA}/status`)).toBe(false);
    expect(pinned(`/repos/o/r/commits/${SHA}/check-runs`)).toBe(false);
    expect(pinned(`/repos/o/r/compare/main...${SHA}`)).toBe(false);
    expect(pinned(`/repos/o/r/pulls?ref=${SHA}`)).toBe(false);
  });
});
