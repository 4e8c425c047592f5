import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { execFile } from 'node:child_process';
import { chromium } from 'playwright-core';
import type { FleetStatus } from '@ecosystem-dispatcher/status';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../main.js';
import { captureIO } from '../test-support/capture-io.js';
import { buildStatusFleet, type StatusFleet } from '../test-support/status-fleet.js';

// Debian's chromium (.ci/run installs it), else Google Chrome as on GitHub's Ubuntu
// runners; CHROMIUM_PATH names any other build. CI always runs the browser check; a
// machine without a browser skips it outside CI.
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/google-chrome'].find((path) => path && existsSync(path)) ?? '/usr/bin/chromium';
const browserMissing = !existsSync(CHROMIUM) && !process.env.CI;

let fleet: StatusFleet;
const git = (cwd: string, args: string[]) => promisify(execFile)('git', args, { cwd });

beforeAll(async () => {
  fleet = await buildStatusFleet();
});
afterAll(async () => {
  await fleet?.close();
});

async function status(argv: string[], env: Record<string, string> = {}) {
  const io = captureIO({ cwd: fleet.dir, env: { ECOSYSTEM_TOKEN: fleet.token, ...env } });
  const code = await runCli(['status', '--config', 'ecosystem.json', '--api-url', fleet.sim.url, '--monorepo', 'acme/monorepo', ...argv], io);
  return { code, out: io.out(), err: io.err() };
}

async function jsonStatus(): Promise<FleetStatus> {
  const { code, out } = await status(['--format', 'json']);
  expect(code).toBe(0);
  return JSON.parse(out) as FleetStatus;
}

describe('ecosystem status', () => {
  it('prints a table with one row per cousin and feature, and a summary', async () => {
    const { code, out, err } = await status([]);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/^acme\/one\s+features\/a\s+failing\s+[0-9a-f]{12}\s+2\s+-\s+-\s+#1\b/m);
    expect(out).toMatch(/^acme\/one\s+features\/b\s+conflict\s+[0-9a-f]{12}\s+1\s+#1 \(conflict\)\s+none\b/m);
    expect(out).toMatch(/^acme\/two\s+features\/a\s+up-to-date\s+[0-9a-f]{12}\s+0\b/m);
    expect(out).toMatch(/^acme\/three\s+features\/a\s+never-synced\s+never\b/m);
    expect(out).toMatch(/^acme\/gone\s+features\/a\s+unreachable\b.*does not exist or the token cannot see it/m);
    expect(out).toContain('5 cousin feature(s): 1 up to date, 2 behind, 1 with conflicts, 1 with a failure issue, 1 never synced, 1 unreachable; 1 open sync PR(s).');
  });

  it('prints JSON with the same facts', async () => {
    const json = await jsonStatus();
    expect(json.rows.map((r) => [r.cousin, r.feature, r.state, r.behind ?? null])).toEqual([
      ['acme/one', 'features/a', 'failing', 2],
      ['acme/one', 'features/b', 'conflict', 1],
      ['acme/two', 'features/a', 'up-to-date', 0],
      ['acme/three', 'features/a', 'never-synced', null],
      ['acme/gone', 'features/a', 'unreachable', null],
    ]);
  });

  it('appends markdown to the step summary when GITHUB_STEP_SUMMARY is set, with links', async () => {
    const summary = join(fleet.dir, 'summary.md');
    await writeFile(summary, 'earlier step\n');
    const { code, out } = await status(['--format', 'markdown'], { GITHUB_STEP_SUMMARY: summary });
    expect(code).toBe(0);
    const written = await readFile(summary, 'utf8');
    expect(written.startsWith('earlier step\n### Fleet status of acme/monorepo')).toBe(true);
    expect(written).toContain(`| acme/one | features/b | conflict |`);
    expect(written).toMatch(/\[#1 \(conflict\)\]\(http:\/\/127\.0\.0\.1:\d+\/acme\/one\/pull\/1\)/);
    expect(out).toBe(written.slice('earlier step\n'.length));
  });

  it('writes to --out and not to the step summary', async () => {
    const summary = join(fleet.dir, 'untouched.md');
    const { code, out } = await status(['--format', 'markdown', '--out', 'report.md'], { GITHUB_STEP_SUMMARY: summary });
    expect(code).toBe(0);
    expect(out).toBe('');
    expect(existsSync(summary)).toBe(false);
    expect(await readFile(join(fleet.dir, 'report.md'), 'utf8')).toContain('### Fleet status of acme/monorepo');
  });

  it('exits 0 by default and 1 with --fail-on when a condition holds, naming it on stderr', async () => {
    const conflict = await status(['--format', 'json', '--fail-on', 'conflict,failure']);
    expect(conflict.code).toBe(1);
    expect(conflict.err).toBe('ecosystem status: --fail-on conflict: 1 of 5 cousin feature(s)\necosystem status: --fail-on failure: 1 of 5 cousin feature(s)\n');
    expect(JSON.parse(conflict.out).rows).toHaveLength(5);
  });

  it('is a usage error (exit 2) without a monorepo, with a bad --fail-on, or without credentials', async () => {
    const io = captureIO({ cwd: fleet.dir, env: { ECOSYSTEM_TOKEN: fleet.token } });
    expect(await runCli(['status', '--api-url', fleet.sim.url], io)).toBe(2);
    expect(io.err()).toContain('pass --monorepo OWNER/NAME');
    expect((await status(['--fail-on', 'late'])).code).toBe(2);
    const anonymous = captureIO({ cwd: fleet.dir, env: {} });
    expect(await runCli(['status', '--monorepo', 'acme/monorepo', '--api-url', fleet.sim.url], anonymous)).toBe(2);
    expect(anonymous.err()).toContain('no GitHub credentials');
  });

  it('finds the monorepo in $GITHUB_REPOSITORY, else in the origin remote of the checkout', async () => {
    const fromEnv = captureIO({ cwd: fleet.dir, env: { ECOSYSTEM_TOKEN: fleet.token, GITHUB_REPOSITORY: 'acme/monorepo' } });
    expect(await runCli(['status', '--api-url', fleet.sim.url, '--format', 'markdown'], fromEnv)).toBe(0);
    expect(fromEnv.out()).toContain('### Fleet status of acme/monorepo');
    const checkout = await mkdtemp(join(tmpdir(), 'status-checkout-'));
    try {
      await writeFile(join(checkout, 'ecosystem.json'), await readFile(join(fleet.dir, 'ecosystem.json')));
      await git(checkout, ['init', '--quiet']);
      await git(checkout, ['remote', 'add', 'origin', `${fleet.sim.url}/acme/monorepo.git`]);
      const fromOrigin = captureIO({ cwd: checkout, env: { ECOSYSTEM_TOKEN: fleet.token } });
      expect(await runCli(['status', '--api-url', fleet.sim.url, '--format', 'markdown'], fromOrigin)).toBe(0);
      expect(fromOrigin.out()).toContain('### Fleet status of acme/monorepo');
    } finally {
      await rm(checkout, { recursive: true, force: true });
    }
  });

  it('is a config error (exit 2) for a broken ecosystem.json, before any request', async () => {
    await writeFile(join(fleet.dir, 'broken.json'), '[{"repo": "acme/one"}]');
    const before = fleet.sim.requests().length;
    const { code, err } = await status(['--config', 'broken.json']);
    expect(code).toBe(2);
    expect(err).toMatch(/broken\.json:1:\d+: /);
    expect(fleet.sim.requests().length).toBe(before);
  });
});

describe.skipIf(browserMissing)('ecosystem status --format html in headless chromium', () => {
  it('renders the fleet most urgent first, sorts by click and keyboard, filters, links, and fits 420 px under a CSP without unsafe-inline', async () => {
    const json = await jsonStatus();
    const { code } = await status(['--format', 'html', '--out', 'fleet.html']);
    expect(code).toBe(0);
    const profile = await mkdtemp(join(tmpdir(), 'chromium-profile-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await context.newPage();
      const pageErrors: string[] = [];
      const requests: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      // A CSP refusal (a wrong hash) shows up as a console error.
      const consoleErrors: string[] = [];
      page.on('console', (message) => void (message.type() === 'error' && consoleErrors.push(message.text())));
      page.on('request', (request) => requests.push(request.url()));
      const url = pathToFileURL(join(fleet.dir, 'fleet.html')).href;
      await page.goto(url);

      expect(await page.locator('h1').textContent()).toBe('Fleet status of acme/monorepo');
      const rows = page.locator('table.fleet tbody tr');
      expect(await rows.count()).toBe(json.rows.length);
      for (const row of json.rows) {
        const cells = page.locator(`tr[data-cousin="${row.cousin}"][data-feature="${row.feature}"] td`);
        expect(await cells.nth(2).textContent()).toBe(row.state);
        expect(await cells.nth(4).textContent()).toBe(row.behind === undefined ? '-' : String(row.behind));
      }
      const summary = await page.locator('p.summary').textContent();
      expect(summary).toContain(`${json.totals.behind} behind, ${json.totals.conflicts} with conflicts, ${json.totals.failures} with a failure issue`);

      const behindColour = await page.locator('tr[data-cousin="acme/one"][data-feature="features/a"] td.behind').evaluate((td) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string; color: string } }).getComputedStyle(td).backgroundColor);
      expect(behindColour).toBe('rgb(255, 248, 197)');
      const conflictState = await page.locator('tr[data-feature="features/b"] td.state').evaluate((td) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string; color: string } }).getComputedStyle(td));
      expect({ background: conflictState.backgroundColor, color: conflictState.color }).toEqual({ background: 'rgb(207, 34, 46)', color: 'rgb(255, 255, 255)' });
      const pullBackground = await page.locator('tr[data-feature="features/b"] td.sync-pr').evaluate((td) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(td).backgroundColor);
      expect(pullBackground).toBe('rgb(255, 235, 233)');
      // Most urgent first, before any sorting.
      expect(await page.locator('table.fleet tbody tr td:nth-child(3)').allTextContents()).toEqual(['unreachable', 'conflict', 'failing', 'never-synced', 'up-to-date']);

      const behindColumn = () => page.locator('table.fleet tbody tr td:nth-child(5)').allTextContents();
      await page.locator('th', { hasText: 'behind' }).click();
      expect(await behindColumn()).toEqual(['0', '1', '2', '-', '-']);
      expect(await page.locator('th', { hasText: 'behind' }).getAttribute('aria-sort')).toBe('ascending');
      await page.locator('th', { hasText: 'behind' }).click();
      expect(await behindColumn()).toEqual(['-', '-', '2', '1', '0']);

      // The keyboard alone: Tab reaches the header buttons, Enter sorts.
      await page.locator('#filter').focus();
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document.activeElement.textContent)).toBe('cousin');
      await page.keyboard.press('Enter');
      expect(await page.locator('table.fleet tbody tr td:nth-child(1)').allTextContents()).toEqual(['acme/gone', 'acme/one', 'acme/one', 'acme/three', 'acme/two']);
      await page.keyboard.press('Enter');
      expect(await page.locator('th', { hasText: 'cousin' }).getAttribute('aria-sort')).toBe('descending');

      // Names link to the repository, the feature's folder, the PR and the issue.
      const one = page.locator('tr[data-cousin="acme/one"][data-feature="features/b"]');
      expect(await one.locator('td.cousin a').getAttribute('href')).toBe(`${fleet.sim.gitUrl}/acme/one`);
      expect(await one.locator('td.feature a').getAttribute('href')).toBe(`${fleet.sim.gitUrl}/acme/monorepo/tree/main/features/b`);
      expect(await one.locator('td.sync-pr a').getAttribute('href')).toMatch(/\/acme\/one\/pull\/1$/);
      expect(await page.locator('tr[data-cousin="acme/one"][data-feature="features/a"] td.failure a').getAttribute('href')).toMatch(/\/acme\/monorepo\/issues\/1$/);

      // The filter keeps rows holding every word typed.
      await page.locator('#filter').fill('acme/one conflict');
      expect(await page.locator('table.fleet tbody tr:not([hidden])').count()).toBe(1);
      expect(await page.locator('#shown').textContent()).toBe('1 of 5 rows shown');
      await page.locator('#filter').fill('');
      expect(await page.locator('table.fleet tbody tr:not([hidden])').count()).toBe(5);

      // A phone: 420 px wide, no sideways scrolling.
      await page.setViewportSize({ width: 420, height: 900 });
      const widths = await page.evaluate(() => {
        const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
        return { scroll: root.scrollWidth, client: root.clientWidth };
      });
      expect(widths.scroll).toBeLessThanOrEqual(widths.client);
      const shot = await page.screenshot({ fullPage: true });
      expect(shot.subarray(1, 4).toString()).toBe('PNG');
      if (process.env.ECOSYSTEM_SCREENSHOT) await writeFile(process.env.ECOSYSTEM_SCREENSHOT, shot);

      expect(consoleErrors).toEqual([]);
      expect(pageErrors).toEqual([]);
      expect(requests).toEqual([url]);
    } finally {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    }
  });
});
