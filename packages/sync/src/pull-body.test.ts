import { describe, expect, it } from 'vitest';
import { cherryPickMessage } from './commit-message.js';
import { MAX_BODY_CHARS } from '@ecosystem-dispatcher/core';
import { pullBody, pullTitle, WARNING_ROOM } from './pull-body.js';
import { withWarnings } from './pull-request.js';

const sha = (c: string) => c.repeat(40);
const facts = {
  feature: 'features/a',
  upstream: 'acme/mono',
  upstreamHtmlUrl: 'https://ghe.example.com/acme/mono',
  target: sha('b'),
  baseline: sha('a'),
  method: 'patch',
  to: 'app/a',
  commits: [{ sha: sha('c'), subject: 'Fix <script> and [links](x)', message: '', authorName: 'Ada', authorEmail: 'a@x', authorDate: '' }],
  commitCount: 1,
  files: [{ status: 'M', path: 'app/a/x.py' }],
  conflicts: [],
  notes: [],
  firstSync: false,
  declined: undefined,
};

describe('the sync pull request text', () => {
  it('links upstream commits on the server the API named (GHES-aware) and escapes their subjects', () => {
    const body = pullBody(facts);
    expect(body).toContain(`[\`${sha('c').slice(0, 12)}\`](https://ghe.example.com/acme/mono/commit/${sha('c')}) Fix \\<script\\> and \\[links\\](x) (Ada)`);
    expect(body).toContain('- M `app/a/x.py`');
    expect(body).toContain('<!-- ecosystem-sync-feature: features/a -->');
    expect(pullTitle(facts)).toBe('Sync features/a from acme/mono@bbbbbbb');
  });

  it('caps long file lists', () => {
    const files = Array.from({ length: 350 }, (_, i) => ({ status: 'A', path: `app/a/f${i}` }));
    expect(pullBody({ ...facts, files })).toContain('- … and 50 more');
  });

  it('fits GitHub\'s 65,536 characters for a 5,000-file feature with 1,000 conflicts, leaving room for warnings and keeping the marker', () => {
    const path = (i: number) => `app/a/${'nested-folder/'.repeat(12)}file-${i}.txt`;
    const files = Array.from({ length: 5000 }, (_, i) => ({ status: 'A', path: path(i) }));
    const conflicts = Array.from({ length: 1000 }, (_, i) => ({ path: path(i), reason: 'both sides changed the same lines' }));
    const body = pullBody({ ...facts, files, conflicts, reportUrl: 'https://github.example/acme/cousin/actions/runs/7' });
    expect(body.length).toBeLessThanOrEqual(MAX_BODY_CHARS - WARNING_ROOM);
    expect(body).toMatch(/- … and \d+ more \(full list: https:\/\/github\.example\/acme\/cousin\/actions\/runs\/7\)/);
    expect(body).toContain('### Files changed (5000)');
    expect(body).toContain('<!-- ecosystem-sync-feature: features/a -->');
    expect(withWarnings(body, ['Could not request reviews from @x: not a collaborator'.repeat(200)]).length).toBeLessThanOrEqual(MAX_BODY_CHARS);
  });
});

describe('a cherry-picked commit message', () => {
  it("keeps upstream's prose, drops upstream's own trailers, and names its origin", () => {
    const message = cherryPickMessage({ ...facts.commits[0]!, message: 'Fix it\n\nBecause.\n\nSigned-off-by: Ada <a@x>' }, 'acme/mono', { conflicts: [] });
    expect(message).toBe(`Fix it\n\nBecause.\n\n(cherry picked from acme/mono@${sha('c')})\n`);
  });
});
