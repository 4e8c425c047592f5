import { retry } from '@octokit/plugin-retry';
import { Octokit } from '@octokit/rest';
import { describe, expect, it } from 'vitest';
import type { FaultOptions, Sim } from './index.js';
import { octokit, quiet, useSimPerTest } from './test-support/sim.js';

const startSimWith = useSimPerTest();
const RetryingOctokit = Octokit.plugin(retry);

function start(faults: FaultOptions, seed = 7): Promise<Sim> {
  return startSimWith({ faults, seed });
}

async function outcome(promise: Promise<{ status: number }>): Promise<number | string> {
  try {
    return (await promise).status;
  } catch (error) {
    const failed = error as { status?: number; message: string };
    return failed.status === 500 && /fetch failed|socket|other side closed/i.test(failed.message) ? 'network' : (failed.status ?? 'network');
  }
}

describe('fault injection', () => {
  it('is deterministic for a seed: the same requests fault in two runs', async () => {
    const runOnce = async (): Promise<(number | string)[]> => {
      const started = await start({ rate: 0.4, kinds: [500, 502, 503], path: /^\/repos\/acme\/widgets$/ }, 42);
      const client = octokit(started, started.adminToken);
      const results: (number | string)[] = [];
      for (let index = 0; index < 12; index += 1) results.push(await outcome(client.rest.repos.get({ owner: 'acme', repo: 'widgets' })));
      await started.close();
      return results;
    };
    const first = await runOnce();
    expect(await runOnce()).toEqual(first);
    expect(first.filter((status) => status !== 200).length).toBeGreaterThan(0);
    expect(first.filter((status) => status === 200).length).toBeGreaterThan(0);
  });

  it('faults chosen request numbers among those matching method and path, without their effect', async () => {
    const started = await start({ on: [1, 3], kinds: [503], method: 'POST', path: /dispatches$/ });
    const client = octokit(started, started.adminToken);
    const send = () => outcome(client.rest.repos.createDispatchEvent({ owner: 'acme', repo: 'widgets', event_type: 'sync' }));
    await client.rest.repos.get({ owner: 'acme', repo: 'widgets' });
    expect([await send(), await send(), await send(), await send()]).toEqual([503, 204, 503, 204]);
    expect(started.dispatches()).toHaveLength(2);
    expect(started.requests().filter((request) => request.fault === '503').map((request) => request.seq)).toEqual([2, 4]);
  });

  it('lets @octokit/plugin-retry recover from a 502 with exactly one recorded dispatch', async () => {
    const started = await start({ on: [1], kinds: [502], path: /dispatches$/ });
    const client = new RetryingOctokit({ baseUrl: started.url, auth: started.adminToken, log: quiet, retry: { retryAfterBaseValue: 10 } });
    await client.rest.repos.createDispatchEvent({ owner: 'acme', repo: 'widgets', event_type: 'sync' });
    expect(started.dispatches()).toHaveLength(1);
    expect(started.requests().map((request) => request.status)).toEqual([502, 204]);
  });

  it('drops the connection before the effect, or after it when asked', async () => {
    const started = await start({ on: [1], kinds: ['drop'], path: /dispatches$/ });
    const client = octokit(started, started.adminToken);
    expect(await outcome(client.rest.repos.createDispatchEvent({ owner: 'acme', repo: 'widgets', event_type: 'sync' }))).toBe('network');
    expect(started.dispatches()).toEqual([]);
    started.setFaults({ on: [1], kinds: ['drop-after-effect'], path: /dispatches$/ });
    expect(await outcome(client.rest.repos.createDispatchEvent({ owner: 'acme', repo: 'widgets', event_type: 'again' }))).toBe('network');
    expect(started.dispatches().map((dispatch) => dispatch.event_type)).toEqual(['again']);
    expect(started.requests().map((request) => [request.status, request.fault])).toEqual([
      [0, 'drop'],
      [0, 'drop-after-effect'],
    ]);
  });

  it('sends retry-after with an injected 429 and adds latency', async () => {
    const started = await start({ on: [1], kinds: [429], retryAfterSeconds: 2, latencyMs: 120 });
    const client = octokit(started, started.adminToken);
    const failed = await client.rest.repos.get({ owner: 'acme', repo: 'widgets' }).catch((error: { status: number; response: { headers: Record<string, string> } }) => error);
    expect('status' in failed && failed.status).toBe(429);
    expect('response' in failed && failed.response.headers['retry-after']).toBe('2');
    expect('response' in failed && failed.response.headers['x-ratelimit-limit']).toBe('5000');
    const began = Date.now();
    await client.rest.repos.get({ owner: 'acme', repo: 'widgets' });
    expect(Date.now() - began).toBeGreaterThanOrEqual(110);
  });

  it('can fault git smart-HTTP requests when asked', async () => {
    const started = await start({ on: [1], kinds: [500], git: true, path: /info\/refs$/ });
    const response = await fetch(`${started.gitUrl}/acme/widgets.git/info/refs?service=git-upload-pack`);
    expect(response.status).toBe(500);
    const next = await fetch(`${started.gitUrl}/acme/widgets.git/info/refs?service=git-upload-pack`);
    expect(next.status).toBe(200);
    expect(next.headers.get('content-type')).toBe('application/x-git-upload-pack-advertisement');
  });
});
