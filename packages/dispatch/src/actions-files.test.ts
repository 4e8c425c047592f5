import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendStepSummary, writeStepOutputs } from './actions-files.js';
import { reportMarkdown } from './report-markdown.js';
import { runLinkFrom } from './run-link.js';
import { delivered, failed, reportOf } from './test-support/reports.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dispatch-actions-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('writeStepOutputs', () => {
  it('appends each output in the heredoc form with its own random delimiter', async () => {
    const file = join(dir, 'output');
    await writeFile(file, 'earlier=1\n');
    expect(await writeStepOutputs({ GITHUB_OUTPUT: file }, { dispatched: '["a/b"]', note: 'two\nlines' })).toBe(true);
    const text = await readFile(file, 'utf8');
    const match = /^earlier=1\ndispatched<<(ghadelimiter_[0-9a-f-]{36})\n\["a\/b"\]\n\1\nnote<<(ghadelimiter_[0-9a-f-]{36})\ntwo\nlines\n\2\n$/.exec(text);
    expect(match).not.toBeNull();
    expect(match![1]).not.toBe(match![2]);
  });

  it('does nothing outside Actions', async () => {
    expect(await writeStepOutputs({}, { dispatched: '[]' })).toBe(false);
    expect(await appendStepSummary({}, '# x')).toBe(false);
  });
});

describe('the step summary', () => {
  it('has the counts, the run link and one escaped row per result', async () => {
    const file = join(dir, 'summary.md');
    const report = reportOf([delivered('acme/a'), failed('acme/b', 'GitHub said | no\nreally')]);
    await appendStepSummary({ GITHUB_STEP_SUMMARY: file }, reportMarkdown(report, 'https://github.com/acme/mono/actions/runs/7'));
    const text = await readFile(file, 'utf8');
    expect(text).toContain('1 delivered · 1 failed · 0 skipped of 2 · [run](https://github.com/acme/mono/actions/runs/7)');
    expect(text).toContain('| acme/a | feature-update | features/a | ✅ delivered |  |');
    expect(text).toContain('| acme/b | feature-update | features/a | ❌ failed | GitHub said \\| no really |');
  });
});

describe('runLinkFrom', () => {
  it('builds the run page from the Actions variables, and is null outside Actions', () => {
    expect(runLinkFrom({ GITHUB_SERVER_URL: 'https://ghe.example.com/', GITHUB_REPOSITORY: 'acme/mono', GITHUB_RUN_ID: '42' })).toBe('https://ghe.example.com/acme/mono/actions/runs/42');
    expect(runLinkFrom({ GITHUB_REPOSITORY: 'acme/mono' })).toBeNull();
  });
});
