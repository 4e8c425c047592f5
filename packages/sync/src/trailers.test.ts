import { describe, expect, it } from 'vitest';
import { parseTrailerGroups } from './trailers.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

describe('trailer groups are read from the whole message', () => {
  it('finds a group that is not the last paragraph (a squash with a human commit last)', () => {
    const message = `Sync (#3)\n\n* Sync features/a\n\nUpstream-Repo: acme/mono\nUpstream-Commit: ${A}\nUpstream-Feature: features/a\n\n* Human fix\n\nCo-authored-by: X <x@example.com>\n`;
    expect(parseTrailerGroups(message)).toEqual([{ repo: 'acme/mono', commit: A, features: ['features/a'] }]);
  });

  it('reads indented and bulleted groups, each in its own paragraph, in message order', () => {
    const message = `Squash\n\n* second\n\n  Upstream-Repo: acme/mono\n  Upstream-Commit: ${B}\n  Upstream-Feature: features/a\n\n* first\n\n- Upstream-Repo: acme/mono\n- Upstream-Commit: ${A}\n- Upstream-Feature: features/a\n`;
    expect(parseTrailerGroups(message).map((g) => g.commit)).toEqual([B, A]);
  });

  it('ignores prose that mentions a key, a short SHA and a group missing a key', () => {
    const message = `Why: the Upstream-Commit: trailer matters\n\nUpstream-Repo: acme/mono\nUpstream-Commit: abc123\nUpstream-Feature: features/a\n\nUpstream-Commit: ${A}\nUpstream-Feature: features/a\n`;
    expect(parseTrailerGroups(message)).toEqual([]);
  });

  it('reads CRLF messages and compares the upstream name in any case', () => {
    const message = `Sync\r\n\r\nUpstream-Repo: Acme/Mono\r\nUpstream-Commit: ${A}\r\nUpstream-Feature: features/a\r\n`;
    expect(parseTrailerGroups(message)).toEqual([{ repo: 'Acme/Mono', commit: A, features: ['features/a'] }]);
  });
});
