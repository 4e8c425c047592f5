import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { FleetStatus } from './model.js';
import { renderHtml } from './render-html.js';

const status: FleetStatus = {
  monorepo: 'acme/monorepo',
  monorepoUrl: 'https://github.com/acme/monorepo',
  defaultBranch: 'main',
  head: 'c'.repeat(40),
  generatedAt: '2026-11-25T10:00:00.000Z',
  rows: [
    {
      cousin: 'acme/one',
      feature: 'features/<script>alert(1)</script>',
      state: 'failing',
      synced: { upstreamCommit: 'a'.repeat(40), cousinCommit: 'b'.repeat(40), date: undefined },
      behind: 2,
      failure: { number: 7, url: 'javascript:alert(1)', title: 'x', updatedAt: 'd' },
    },
  ],
  totals: { rows: 1, upToDate: 0, behind: 1, conflicts: 0, failures: 1, unreachable: 0, neverSynced: 0, disabled: 0, openPulls: 0 },
};

describe('renderHtml', () => {
  const html = renderHtml(status);

  it('escapes text that comes from repositories', () => {
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('features/&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('links only http(s) addresses', () => {
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain(`href="https://github.com/acme/monorepo/commit/${'a'.repeat(40)}"`);
  });

  it('loads nothing from outside the page', () => {
    expect(html).not.toMatch(/<(?:link|img|iframe)\b|\bsrc=/i);
    expect(html).toContain("default-src 'none'");
  });

  it('allows its own style and script by hash, never unsafe-inline', () => {
    const policy = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(policy).not.toContain('unsafe-inline');
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    expect(policy).toContain(`style-src ${hash(style)}`);
    expect(policy).toContain(`script-src ${hash(script)}`);
  });

  it('makes every header a button, so the keyboard can sort', () => {
    expect(html.match(/<th [^>]*><button type="button">/g)).toHaveLength(9);
  });
});
