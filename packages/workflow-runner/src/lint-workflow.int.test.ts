import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createTempRepo, TEST_GIT_ENV } from '@ecosystem-dispatcher/core/testing';
import type { TempRepo } from '@ecosystem-dispatcher/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { localCheckout, localSetupNode, runWorkflow, workspaceEcosystem } from './index.js';
import type { WorkflowRun } from './index.js';
import { CLI_ENTRY, createWorld, REPOSITORY_ROOT, workflowFile } from './test-support/shipped-workflow-world.js';

const repos: TempRepo[] = [];

afterEach(async () => {
  await Promise.all(repos.splice(0).map((repo) => repo.remove()));
});

/** A monorepo with the example features, its ecosystem.json and one workflow of its own. */
async function monorepo(ecosystemJson?: string): Promise<{ repo: TempRepo; sha: string }> {
  const repo = await createTempRepo({ prefix: 'lint-workflow-' });
  repos.push(repo);
  await cp(path.join(REPOSITORY_ROOT, 'examples/monorepo'), repo.dir, { recursive: true });
  await mkdir(path.join(repo.dir, '.github/workflows'), { recursive: true });
  await writeFile(path.join(repo.dir, '.github/workflows/own.yml'), await readFile(path.join(REPOSITORY_ROOT, 'examples/workflows/good/hardened.yml'), 'utf8'));
  if (ecosystemJson !== undefined) await writeFile(path.join(repo.dir, 'ecosystem.json'), ecosystemJson);
  return { repo, sha: await repo.commit({}, 'monorepo') };
}

async function runCiLint(repo: TempRepo, sha: string): Promise<WorkflowRun> {
  return runWorkflow(workflowFile('ci.yml'), {
    repositoryRoot: REPOSITORY_ROOT,
    jobs: ['lint'],
    event: { name: 'pull_request', payload: { action: 'opened', number: 7 } },
    github: { repository: 'acme/monorepo', sha, ref: 'refs/pull/7/merge' },
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: repo.dir, ...TEST_GIT_ENV },
    actions: { 'actions/checkout': localCheckout({ cloneUrl: () => repo.dir, gitEnv: TEST_GIT_ENV }), 'actions/setup-node': localSetupNode },
    replaceSteps: { 'install-ecosystem': workspaceEcosystem(CLI_ENTRY) },
  });
}

function lintSteps(run: WorkflowRun) {
  return run.jobs.lint?.called?.jobs.lint?.steps ?? [];
}

describe("ci.yml's lint job → ecosystem-lint.yml", () => {
  it('passes on the example monorepo: its ecosystem.json and its workflows are clean', async () => {
    const { repo, sha } = await monorepo();
    const run = await runCiLint(repo, sha);
    expect(run.result, lintSteps(run).map((step) => step.stdout + step.stderr).join('\n')).toBe('success');
    expect(lintSteps(run).map((step) => [step.name, step.conclusion])).toEqual([
      ['Check out', 'success'],
      ['Set up Node.js', 'success'],
      ['Install ecosystem', 'success'],
      ['Lint the configuration', 'success'],
      ['Check the workflows', 'success'],
      ['Check how the cousins are wired', 'skipped'],
    ]);
  });

  it('fails with ::error annotations on the offending line when ecosystem.json is wrong', async () => {
    const broken = '[\n  { "repo": "acme/app", "subscriptions": [] }\n]\n';
    const { repo, sha } = await monorepo(broken);
    const run = await runCiLint(repo, sha);
    expect(run.result).toBe('failure');
    const lint = lintSteps(run).find((step) => step.name === 'Lint the configuration');
    expect(lint?.conclusion).toBe('failure');
    expect(lint?.stdout).toMatch(/^::error file=ecosystem\.json,line=2,/m);
  });
});

describe('ecosystem-lint.yml with doctor: true', () => {
  it("runs ecosystem doctor with the caller's token and fails on a miswired cousin with its row", async () => {
    const world = await createWorld();
    try {
      const seed = await createTempRepo({ prefix: 'lint-doctor-' });
      repos.push(seed);
      await seed.commit({ 'ecosystem.json': JSON.stringify([{ repo: 'acme/app', subscriptions: ['features/a'] }]), 'features/a/x.py': '1\n' }, 'monorepo');
      await world.sim.createRepo('acme/monorepo', { fromDir: seed.dir });
      await world.sim.createRepo('acme/app', { fromDir: seed.dir });
      const token = world.sim.createToken({ login: 'dispatcher', repos: ['acme/monorepo', 'acme/app'], permissions: 'write' });
      const run = await runWorkflow(workflowFile('ecosystem-lint.yml'), world.runnerOptions({
        event: { name: 'push', payload: {} },
        github: { repository: 'acme/monorepo', sha: (await (await world.clone('acme/monorepo')).output(['rev-parse', 'HEAD'])).trim(), ref: 'refs/heads/main' },
        inputs: { config: 'ecosystem.json', doctor: true },
        secrets: { token },
      }));
      const doctor = run.jobs.lint?.steps.find((step) => step.name === 'Check how the cousins are wired');
      expect(doctor?.conclusion, JSON.stringify(run.jobs.lint?.steps.map((s) => [s.name, s.conclusion, s.stderr.slice(-400)]))).toBe('failure');
      expect(doctor?.stdout).toContain('| acme/app | workflow: no workflow on main listens to repository\\_dispatch');
    } finally {
      await world.close();
    }
  });
});
