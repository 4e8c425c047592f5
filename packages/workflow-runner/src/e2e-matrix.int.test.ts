import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOM_EVENT, FEATURE, expectsPull, matrixCells, cousinSubscription, type Cell } from './test-support/matrix-cells.js';
import { runMatrix, V2, type MatrixOutcome } from './test-support/matrix-world.js';

// Both sides of the contract, end to end: each ecosystem.json form × cousin layout and
// method × monorepo selector, as a pairwise selection of the 405-cell product (every pair of
// values of any two factors appears in some cell). The monorepo side is the shipped
// ecosystem-dispatch.yml (push event) or the CLI (--base/--head HEAD, --files-from); the
// cousin side is the workflow create-cousin generates, run for every Actions run a dispatch
// started in github-sim.
// ECOSYSTEM_E2E_MATRIX=full runs all 405 cells.
const CELLS = matrixCells({ full: process.env.ECOSYSTEM_E2E_MATRIX === 'full' });

let outcome: MatrixOutcome;

beforeAll(async () => {
  outcome = await runMatrix(CELLS);
  console.log(`e2e matrix: ${CELLS.length} of 405 cells in ${outcome.seconds.toFixed(1)} s`);
}, 600_000);

afterAll(async () => {
  await outcome?.world.close();
});

function describeCell(cell: Cell): string {
  return `${cell.form} × ${cell.layout} × ${cell.method} × ${cell.selector} (${cell.cousin})`;
}

async function fileOnBranch(cousin: string, branch: string, file: string): Promise<string | undefined> {
  const response = await fetch(`${outcome.world.sim.url}/repos/${cousin}/contents/${file}?ref=${encodeURIComponent(branch)}`, {
    headers: { authorization: `token ${outcome.world.sim.adminToken}` },
  });
  if (response.status !== 200) return undefined;
  const body = (await response.json()) as { content?: string };
  return Buffer.from(body.content ?? '', 'base64').toString('utf8');
}

describe('the monorepo side sends every configuration', () => {
  it.each(['event-push', 'base-head-HEAD', 'files-from'])('with %s', (selector) => {
    for (const sender of outcome.senders.filter((s) => s.selector === selector)) expect(sender.ok, `${sender.config}: ${sender.log}`).toBe(true);
  });
});

describe.each(CELLS.map((cell) => [describeCell(cell), cell] as const))('%s', (_name, cell) => {
  if (!expectsPull(cell)) {
    it('is skipped: no dispatch, no pull request', () => {
      expect(outcome.world.sim.dispatches(cell.cousin)).toEqual([]);
      expect(outcome.world.sim.pulls(cell.cousin)).toEqual([]);
    });
    return;
  }
  it('every dispatch answered 204 started a cousin run that succeeded', () => {
    const dispatches = outcome.world.sim.dispatches(cell.cousin);
    expect(dispatches.length).toBeGreaterThan(0);
    for (const dispatch of dispatches) {
      // Every selector sends full SHAs: `--head HEAD` is resolved before it reaches a payload.
      expect(dispatch.client_payload.commit_sha).toMatch(/^[0-9a-f]{40}$/);
      expect(dispatch.event_type).toBe(cell.form === 'custom-event' ? CUSTOM_EVENT : 'feature-update');
      expect(dispatch.runIds, `no workflow of ${cell.cousin} listens to "${dispatch.event_type}": a 204 that leads nowhere`).not.toEqual([]);
    }
    const runs = outcome.cousinRuns.get(cell.cousin) ?? [];
    expect(runs.map((r) => r.result), runs.map((r) => r.log).join('\n')).toEqual(dispatches.map(() => 'success'));
  });

  it('ends in one open sync pull request that brings the change where the cousin keeps it', async () => {
    const pulls = outcome.world.sim.pulls(cell.cousin).filter((pull) => pull.state === 'open');
    expect(pulls).toHaveLength(1);
    expect(pulls[0]!.head).toMatch(/^ecosystem\/sync\//);
    expect(await fileOnBranch(cell.cousin, pulls[0]!.head, cousinSubscription(cell).landsAt)).toBe(V2);
  });

  if (cell.form === 'exclusion') {
    it('leaves the excluded file out of the payload', () => {
      const [dispatch] = outcome.world.sim.dispatches(cell.cousin);
      expect(dispatch!.client_payload.changed_files).toEqual([`${FEATURE}/app.py`]);
    });
  }
});
