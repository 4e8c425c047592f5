import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../main.js';
import { captureIO } from '../test-support/capture-io.js';
import { buildStatusFleet, type StatusFleet } from '../test-support/status-fleet.js';

let fleet: StatusFleet;

beforeAll(async () => {
  fleet = await buildStatusFleet();
});
afterAll(async () => {
  await fleet?.close();
});

async function status(argv: string[]) {
  const io = captureIO({ cwd: fleet.dir, env: { ECOSYSTEM_TOKEN: fleet.token } });
  const code = await runCli(['status', '--config', 'ecosystem.json', '--api-url', fleet.sim.url, '--monorepo', 'acme/monorepo', '--format', 'json', ...argv], io);
  return { code, out: io.out(), err: io.err() };
}

/** The token's spent primary budget, as GitHub reports it (GET /rate_limit itself is free). */
async function primaryUsed(): Promise<number> {
  const response = await fetch(`${fleet.sim.url}/rate_limit`, { headers: { authorization: `token ${fleet.token}`, accept: 'application/vnd.github+json' } });
  const body = (await response.json()) as { resources: { core: { used: number } } };
  return body.resources.core.used;
}

describe('ecosystem status --cache FILE', () => {
  it('a second run with the kept cache and nothing changed spends primary budget only on answers that were 404s, and reports the same', async () => {
    const file = join(fleet.dir, 'state', 'status-cache.json');
    const beforeFirst = await primaryUsed();
    const first = await status(['--cache', file]);
    expect(first.code).toBe(0);
    const firstCost = (await primaryUsed()) - beforeFirst;
    expect(firstCost).toBeGreaterThan(0);
    expect(JSON.parse(await readFile(file, 'utf8')).entries.length).toBeGreaterThan(0);

    const requestsBefore = fleet.sim.requests().length;
    const beforeSecond = await primaryUsed();
    const second = await status(['--cache', file]);
    expect([second.code, second.err]).toEqual([0, '']);
    expect(JSON.parse(second.out).rows).toEqual(JSON.parse(first.out).rows);
    const asked = fleet.sim.requests().slice(requestsBefore).filter((r) => r.path !== '/rate_limit');
    expect(asked.length).toBeGreaterThan(0);
    // Everything that exists is revalidated with a free 304. GitHub sends no ETag with a 404,
    // so what does not exist is asked again and paid for: the unreachable cousin and the
    // sync state files the fleet's cousins lack (5 reads; one cousin's is also read at its PR's head).
    const paid = asked.filter((r) => r.status !== 304);
    expect(paid.map((r) => r.status)).toEqual(paid.map(() => 404));
    expect(paid.map((r) => r.path).filter((path) => !path.includes('/contents/.github%2Fecosystem-sync%2F'))).toEqual(['/repos/acme/gone']);
    expect((await primaryUsed()) - beforeSecond).toBe(paid.length);
    expect(paid.length).toBe(6);
    expect(firstCost).toBeGreaterThan(3 * paid.length);
  });

  it('without --cache, a second run pays again', async () => {
    const before = await primaryUsed();
    expect((await status([])).code).toBe(0);
    expect((await primaryUsed()) - before).toBeGreaterThan(0);
  });
});
