import { describe, expect, it } from 'vitest';
import { andMore, fitBody, hardCut, MAX_BODY_CHARS } from './body-budget.js';

describe('fitBody', () => {
  it('leaves a body that fits untouched', () => {
    expect(fitBody(['# title', { lines: ['- a', '- b'], more: (n) => andMore(n) }, 'end'])).toBe('# title\n- a\n- b\nend');
  });

  it('cuts a list of 5,000 long lines to GitHub\'s 65,536 characters, ending with "… and N more" and the report link', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `- added \`features/big/${'deep/'.repeat(10)}file-${i}.txt\``);
    const body = fitBody(['# Sync', { lines, more: (n) => andMore(n, 'https://example.test/run/1') }, '<!-- marker -->'], MAX_BODY_CHARS);
    expect(body.length).toBeLessThanOrEqual(MAX_BODY_CHARS);
    const more = /- … and (\d+) more \(full list: https:\/\/example\.test\/run\/1\)/.exec(body);
    expect(more).not.toBeNull();
    const kept = body.split('\n').filter((line) => line.startsWith('- added')).length;
    expect(kept + Number(more![1])).toBe(5000);
    expect(body.endsWith('<!-- marker -->')).toBe(true);
  });

  it('shares the room between several lists, each cut with its own count', () => {
    const long = (tag: string) => Array.from({ length: 1000 }, (_, i) => `- ${tag} ${'x'.repeat(100)} ${i}`);
    const body = fitBody([{ lines: long('a'), more: (n) => `a… and ${n} more` }, { lines: long('b'), more: (n) => `b… and ${n} more` }], 20_000);
    expect(body.length).toBeLessThanOrEqual(20_000);
    expect(body).toMatch(/a… and \d+ more/);
    expect(body).toMatch(/b… and \d+ more/);
  });

  it('cuts fixed text that alone is too long, never splitting a surrogate pair', () => {
    const text = '😀'.repeat(40_000);
    const cut = hardCut(text);
    expect(cut.length).toBeLessThanOrEqual(MAX_BODY_CHARS);
    expect(cut).toContain('cut to fit');
    expect(/[\uD800-\uDBFF]$/.test(cut.slice(0, cut.indexOf('\n')))).toBe(false);
  });
});
