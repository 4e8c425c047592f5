import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEcosystemConfig } from '@ecosystem-dispatcher/core';
import { RepoClients } from '@ecosystem-dispatcher/github';
import { readFleetStatus } from './read-fleet.js';
import type { FeatureRow, FleetStatus } from './model.js';
import { buildFleet, FLEET_CONFIG, MONOREPO, type Fleet } from './test-support/fleet.js';

let fleet: Fleet;
let status: FleetStatus;

function row(cousin: string, feature: string): FeatureRow {
  const found = status.rows.find((r) => r.cousin === cousin && r.feature === feature);
  if (!found) throw new Error(`no row for ${cousin} ${feature}`);
  return found;
}

beforeAll(async () => {
  fleet = await buildFleet();
  const clients = new RepoClients({ kind: 'token', token: fleet.readToken, source: 'test' }, { baseUrl: fleet.sim.url, log: { debug() {}, info() {}, warn() {}, error() {} } });
  status = await readFleetStatus({ config: parseEcosystemConfig(JSON.stringify(FLEET_CONFIG), 'ecosystem.json'), monorepo: MONOREPO, clients });
});

afterAll(async () => {
  await fleet?.close();
});

describe('readFleetStatus against github-sim', () => {
  it('measures against the tip of the monorepo default branch', () => {
    expect(status.head).toBe(fleet.upstream.m3);
    expect(status.defaultBranch).toBe('main');
    expect(status.rows.map((r) => `${r.cousin} ${r.feature}`)).toEqual(['acme/one features/a', 'acme/one features/b', 'acme/two features/a', 'acme/three features/a', 'acme/empty features/a', 'acme/gone features/b']);
  });

  it('reads the synced commit of each feature from the Upstream-Commit trailer on the default branch', () => {
    expect(row('acme/one', 'features/a').synced?.upstreamCommit).toBe(fleet.upstream.m0);
    expect(row('acme/one', 'features/b').synced?.upstreamCommit).toBe(fleet.upstream.m0);
    expect(row('acme/two', 'features/a').synced?.upstreamCommit).toBe(fleet.upstream.m3);
    expect(row('acme/three', 'features/a').synced).toBeUndefined();
    expect(row('acme/three', 'features/a').state).toBe('never-synced');
    expect(row('acme/empty', 'features/a').state).toBe('never-synced');
  });

  it('counts only the monorepo commits since the synced one that touch the feature', () => {
    // features/a: m1 and m3; the docs-only m2 does not count. features/b: m3.
    expect(row('acme/one', 'features/a').behind).toBe(2);
    expect(row('acme/one', 'features/b').behind).toBe(1);
    expect(row('acme/two', 'features/a').behind).toBe(0);
    expect(row('acme/one', 'features/a').behindApproximate).toBeUndefined();
  });

  it('finds the open sync PR, what it brings, and its conflict label', () => {
    const pull = row('acme/one', 'features/b').pull;
    expect(pull).toMatchObject({ number: 1, conflict: true, upstreamCommit: fleet.upstream.m3 });
    expect(pull?.url).toMatch(/\/acme\/one\/pull\/1$/);
    expect(row('acme/one', 'features/a').pull).toBeUndefined();
    expect(row('acme/one', 'features/b').state).toBe('conflict');
  });

  it('reports a sync PR that GitHub says no longer merges as a conflict, without the label', () => {
    const pull = row('acme/two', 'features/a').pull;
    expect(pull).toMatchObject({ number: 1, conflict: true, upstreamCommit: fleet.upstream.m3 });
  });

  it('links the open upstream-issue of the monorepo for that cousin and feature only', () => {
    expect(row('acme/one', 'features/a').failure).toMatchObject({ number: 1, title: 'Sync failed: features/a in acme/one' });
    expect(row('acme/one', 'features/a').state).toBe('failing');
    expect(row('acme/one', 'features/b').failure).toBeUndefined();
    expect(row('acme/two', 'features/a').failure).toBeUndefined();
  });

  it('gives an unreachable cousin a row with the reason instead of failing', () => {
    const gone = row('acme/gone', 'features/b');
    expect(gone.state).toBe('unreachable');
    expect(gone.problem).toMatch(/acme\/gone: the repository does not exist or the token cannot see it/);
  });

  it('shows a cousin with enabled: false as disabled, without reading it', async () => {
    const config = parseEcosystemConfig(JSON.stringify({ cousins: [{ repo: 'acme/retired', subscriptions: ['features/a'], enabled: false }] }), 'ecosystem.json');
    const before = fleet.sim.requests().length;
    const clients = new RepoClients({ kind: 'token', token: fleet.readToken, source: 'test' }, { baseUrl: fleet.sim.url, log: { debug() {}, info() {}, warn() {}, error() {} } });
    const disabled = await readFleetStatus({ config, monorepo: MONOREPO, clients });
    expect(disabled.rows).toEqual([{ cousin: 'acme/retired', feature: 'features/a', state: 'disabled', note: 'enabled: false in ecosystem.json' }]);
    expect(disabled.totals).toMatchObject({ disabled: 1, unreachable: 0, neverSynced: 0 });
    expect(fleet.sim.requests().slice(before).some((r) => r.path.includes('acme/retired'))).toBe(false);
  });

  it('adds up the rows', () => {
    expect(status.totals).toEqual({ rows: 6, upToDate: 0, behind: 2, conflicts: 2, failures: 1, unreachable: 1, neverSynced: 2, disabled: 0, openPulls: 2 });
  });

  it('only reads: every request it sent was a GET', () => {
    const fromReader = fleet.sim.requests().filter((r) => r.login === 'status-reader');
    expect(fromReader.length).toBeGreaterThan(0);
    expect(new Set(fromReader.map((r) => r.method))).toEqual(new Set(['GET']));
    expect(fleet.sim.contractViolations).toEqual([]);
  });
});
