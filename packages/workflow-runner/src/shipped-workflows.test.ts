import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadWorkflow, workflowCallOf } from './workflow-file.js';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
const workflowPath = (name: string) => `${repositoryRoot}.github/workflows/${name}`;
const REUSABLE = ['ecosystem-dispatch.yml', 'ecosystem-lint.yml', 'cousin-sync.yml'];

describe('the tool version of the reusable workflows', () => {
  it('each one installs exactly the version of @ecosystem-dispatcher/cli at the same ref', async () => {
    const cli = JSON.parse(await readFile(`${repositoryRoot}packages/cli/package.json`, 'utf8')) as { name: string; version: string };
    expect(cli.name).toBe('@ecosystem-dispatcher/cli');
    for (const name of REUSABLE) {
      const workflow = await loadWorkflow(workflowPath(name));
      expect(workflow.env?.ECOSYSTEM_VERSION, name).toBe(cli.version);
      const installs = Object.values(workflow.jobs).flatMap((job) => (job.steps ?? []).filter((step) => step.id === 'install-ecosystem'));
      expect(installs.length, name).toBeGreaterThan(0);
      for (const step of installs) {
        expect(step.run).toContain('"@ecosystem-dispatcher/cli@$ECOSYSTEM_VERSION"');
        expect(step.run).not.toMatch(/@latest|@\^|@~/);
      }
    }
  });
});

describe('the interfaces issue 8 promises', () => {
  it('ecosystem-dispatch.yml: inputs config, dry-run, api-url, notify-issue, only and the outbox\'s; secrets token or app, notify-webhook; outputs dispatched, failed, pending', async () => {
    const call = workflowCallOf(await loadWorkflow(workflowPath('ecosystem-dispatch.yml')));
    expect(Object.keys(call?.inputs ?? {})).toEqual(['config', 'dry-run', 'api-url', 'notify-issue', 'only', 'state-ref', 'max-duration', 'write-budget']);
    expect(call?.inputs.config?.default).toBe('ecosystem.json');
    expect(call?.inputs['state-ref']?.default).toBe('refs/ecosystem/outbox');
    expect(Object.keys(call?.secrets ?? {})).toEqual(['token', 'app-id', 'app-private-key', 'notify-webhook']);
    expect(Object.keys(call?.outputs ?? {})).toEqual(['dispatched', 'failed', 'pending']);
  });

  it('cousin-sync.yml takes what the generated sync-upstream.yml passes', async () => {
    const call = workflowCallOf(await loadWorkflow(workflowPath('cousin-sync.yml')));
    expect(Object.keys(call?.inputs ?? {})).toEqual(['config', 'feature', 'catch-up']);
    expect(Object.keys(call?.secrets ?? {})).toEqual(['token', 'app-id', 'app-private-key']);
  });

  it("cousin-sync.yml gives create-pull-request's outputs, as JSON lists with the features they follow", async () => {
    const workflow = await loadWorkflow(workflowPath('cousin-sync.yml'));
    const call = workflowCallOf(workflow);
    expect(Object.keys(call?.outputs ?? {})).toEqual(['features', 'pull-request-number', 'pull-request-url', 'pull-request-operation']);
    for (const [name, output] of Object.entries(call?.outputs ?? {})) expect(output.value).toBe(`\${{ jobs.results.outputs.${name} }}`);
  });

  it("the repository's own CI and dispatch call the shipped workflows with ./", async () => {
    const ci = await loadWorkflow(workflowPath('ci.yml'));
    const dispatch = await loadWorkflow(workflowPath('dispatch-updates.yml'));
    expect(Object.values(ci.jobs).map((job) => job.uses)).toContain('./.github/workflows/ecosystem-lint.yml');
    expect(Object.values(dispatch.jobs).map((job) => job.uses)).toEqual(['./.github/workflows/ecosystem-dispatch.yml']);
  });
});
