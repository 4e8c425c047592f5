import { afterEach, describe, expect, it } from 'vitest';
import { startSim, type Sim } from './index.js';
import { octokit } from './test-support/sim.js';

let sim: Sim | undefined;

afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('contract check of responses', () => {
  it('turns a wrong response shape into a 500 and records the violation', async () => {
    sim = await startSim({ contractCheck: true, internal: { corruptResponses: ['GET /repos/{owner}/{repo}'] } });
    await sim.createRepo('acme/widgets');
    const failure = await octokit(sim, sim.adminToken)
      .rest.repos.get({ owner: 'acme', repo: 'widgets' })
      .then(() => undefined, (error: { status: number; message: string }) => error);
    expect(failure?.status).toBe(500);
    expect(failure?.message).toMatch(/contract violation/);
    expect(sim.contractViolations).toHaveLength(1);
    expect(sim.contractViolations[0]).toMatch(/^response 200 of GET \/repos\/\{owner\}\/\{repo\} breaks GitHub's OpenAPI description: .*must have required property/);
  });

  it('is off when asked, so the same wrong shape goes out unchecked', async () => {
    sim = await startSim({ contractCheck: false, internal: { corruptResponses: ['GET /repos/{owner}/{repo}'] } });
    await sim.createRepo('acme/widgets');
    const { data } = await octokit(sim, sim.adminToken).rest.repos.get({ owner: 'acme', repo: 'widgets' });
    expect(data).toEqual({ wrong: true });
    expect(sim.contractViolations).toEqual([]);
  });
});
