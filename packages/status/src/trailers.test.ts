import { describe, expect, it } from 'vitest';
import { parseTrailerBlocks, syncedCommitIn } from './trailers.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

describe('parseTrailerBlocks', () => {
  it('reads the trailer block at the end of a sync commit', () => {
    const message = `Sync features/a from acme/monorepo\n\nBrings 2 commits.\n\nUpstream-Repo: acme/monorepo\nUpstream-Commit: ${A}\nUpstream-Feature: features/a\n`;
    expect(parseTrailerBlocks(message)).toEqual([{ repo: 'acme/monorepo', commit: A, features: ['features/a'] }]);
  });

  it('reads one block per squashed commit, oldest first, from a squash-merge message', () => {
    const message = [
      'Sync features/a (#4)',
      '',
      `* Sync features/a\n\nUpstream-Repo: acme/monorepo\nUpstream-Commit: ${A}\nUpstream-Feature: features/a`,
      '',
      `* Sync features/a\n\nUpstream-Repo: acme/monorepo\nUpstream-Commit: ${B}\nUpstream-Feature: features/a`,
    ].join('\n');
    expect(parseTrailerBlocks(message).map((b) => b.commit)).toEqual([A, B]);
    expect(syncedCommitIn(message, 'acme/monorepo', 'features/a')).toBe(B);
  });

  it('ignores a paragraph that lacks one of the three keys', () => {
    expect(parseTrailerBlocks(`Notes\n\nUpstream-Commit: ${A}\nUpstream-Feature: features/a\n`)).toEqual([]);
  });

  it('ignores a commit value that is not a full SHA', () => {
    expect(parseTrailerBlocks('x\n\nUpstream-Repo: acme/monorepo\nUpstream-Commit: abc123\nUpstream-Feature: features/a')).toEqual([]);
  });

  it('does not take prose that mentions a key in a sentence for a trailer', () => {
    expect(parseTrailerBlocks(`The Upstream-Commit: ${A} line is read by status.`)).toEqual([]);
  });

  it('reads CRLF messages', () => {
    const message = `Sync\r\n\r\nUpstream-Repo: acme/monorepo\r\nUpstream-Commit: ${A}\r\nUpstream-Feature: features/a\r\n`;
    expect(syncedCommitIn(message, 'acme/monorepo', 'features/a')).toBe(A);
  });
});

describe('syncedCommitIn', () => {
  const message = `Sync\n\nUpstream-Repo: Acme/Monorepo\nUpstream-Commit: ${A}\nUpstream-Feature: features/a\n`;

  it('compares the monorepo name case-insensitively, as GitHub does', () => {
    expect(syncedCommitIn(message, 'acme/monorepo', 'features/a')).toBe(A);
  });

  it('answers nothing for another monorepo or another feature', () => {
    expect(syncedCommitIn(message, 'acme/other', 'features/a')).toBeUndefined();
    expect(syncedCommitIn(message, 'acme/monorepo', 'features/ab')).toBeUndefined();
  });
});
