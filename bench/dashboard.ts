/**
 * Dashboard issue benchmark: fitting 10,000 and 100,000 fleet rows into GitHub's
 * 65,536-character issue body. Compares renderDashboard (one pass, lengths summed) with
 * the fitting it replaced, which joined the whole draft body again for every row taken,
 * measured in the same run on the same rendered lines. Its cost grows with rows taken ×
 * body length, so it is bounded by the 65,536 limit; the new fitting is one pass over the rows.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { MAX_BODY, renderDashboard, totalsOf, type FeatureRow, type FleetStatus } from '@ecosystem-dispatcher/status';
import { prng } from './prng.js';

const STATES: FeatureRow['state'][] = ['unreachable', 'conflict', 'failing', 'behind', 'never-synced', 'up-to-date'];

function fleet(count: number): FleetStatus {
  const random = prng(7);
  const rows = Array.from({ length: count }, (_, i): FeatureRow => ({
    cousin: `org${i % 97}/cousin-${i}`,
    feature: `features/area${Math.floor(random() * 200)}/stack${i % 50}`,
    state: STATES[Math.floor(random() * STATES.length)]!,
    behind: Math.floor(random() * 20),
  }));
  return { monorepo: 'acme/mono', monorepoUrl: 'https://github.com/acme/mono', defaultBranch: 'main', head: 'a'.repeat(40), generatedAt: '2026-01-01T00:00:00.000Z', rows, totals: totalsOf(rows) };
}

/** The former fitting: for each row, join every line taken so far to measure the draft. */
function joinPerRow(body: string): number {
  const lines = body.split('\n');
  const table = lines.filter((line) => line.startsWith('| **'));
  const retries = lines.filter((line) => line.startsWith('- ['));
  const head = lines.slice(0, lines.indexOf(table[0]!));
  const taken: string[] = [];
  const ticked: string[] = [];
  for (const [index, line] of table.entries()) {
    const retry = /^\| \*\*(failing|conflict|behind|never-synced)\*\*/.test(line) ? retries[ticked.length] : undefined;
    const omitted = `${table.length - index - 1} more row(s), less urgent, are left out to stay within GitHub's 65,536-character limit.`;
    const draft = [...head, ...taken, line, '', '### Re-dispatch', '', 'Tick a row…', '', ...ticked, ...(retry ? [retry] : []), omitted].join('\n');
    if (draft.length > MAX_BODY) return index;
    taken.push(line);
    if (retry) ticked.push(retry);
  }
  return table.length;
}

function median(values: number[]): number {
  return [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
}

function timed(run: () => void, times: number): number {
  const runs: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    run();
    runs.push(performance.now() - start);
  }
  return median(runs);
}

export async function benchDashboard(): Promise<string[]> {
  const lines = [`dashboard issue: fleet rows fitted into GitHub's ${MAX_BODY.toLocaleString('en')}-character body`];
  for (const count of [10_000, 100_000]) {
    const status = fleet(count);
    let body = '';
    const ms = timed(() => (body = renderDashboard(status)), 5);
    const shown = body.split('\n').filter((line) => line.startsWith('| **')).length;
    if (body.length > MAX_BODY) throw new Error(`dashboard benchmark: the body is ${body.length} characters`);
    lines.push(`  ${count.toLocaleString('en')} rows: renderDashboard ${ms.toFixed(0)} ms (median of 5), ${shown} rows shown, ${body.length.toLocaleString('en')} characters`);
  }
  // The same lines for both: every row rendered, then fitted by the former loop.
  const status = fleet(10_000);
  const everyRow = renderDashboard(status, { maxBody: Number.MAX_SAFE_INTEGER });
  let body = '';
  const newMs = timed(() => (body = renderDashboard(status)), 9);
  let oldShown = 0;
  const oldMs = timed(() => (oldShown = joinPerRow(everyRow)), 9);
  const same = oldShown === body.split('\n').filter((line) => line.startsWith('| **')).length;
  lines.push(
    `  10,000 rows, median of 9: renderDashboard whole ${newMs.toFixed(1)} ms; the former join-per-row fitting alone (rows already rendered) ${oldMs.toFixed(1)} ms; same rows shown: ${same ? 'yes' : 'NO'}`,
  );
  return lines;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await benchDashboard()) console.log(line);
}
