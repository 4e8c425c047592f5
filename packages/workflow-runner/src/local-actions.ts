import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Git } from '@ecosystem-dispatcher/core';
import type { ActionHandler } from './actions.js';

export interface LocalCheckoutOptions {
  /** Where `owner/repo` is cloned from (a github-sim URL, a bare repo path). */
  cloneUrl(repository: string): string;
  /** Extra git environment (identity, GIT_CONFIG_NOSYSTEM…). */
  gitEnv?: Record<string, string>;
}

/**
 * actions/checkout, locally: init, fetch the requested ref at the requested depth
 * (fetch-depth 0 = every branch and tag, like the action), check it out. The token
 * goes in an http.extraHeader for the fetch only and is written to .git/config
 * only with persist-credentials: true — the same contract as the real action.
 */
export function localCheckout(options: LocalCheckoutOptions): ActionHandler {
  return async (step) => {
    const repository = step.inputs.repository || String(step.github.repository);
    const ownRepository = repository.toLowerCase() === String(step.github.repository).toLowerCase();
    const ref = step.inputs.ref || (ownRepository ? String(step.github.sha) : '');
    const depth = Number(step.inputs['fetch-depth'] ?? '1');
    const token = step.inputs.token ?? String(step.github.token ?? '');
    const target = path.resolve(step.workspace, step.inputs.path ?? '.');
    await mkdir(target, { recursive: true });
    const git = new Git(target, options.gitEnv ?? {});
    const auth = token ? ['-c', `http.extraHeader=Authorization: Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`] : [];
    await git.run(['init', '--quiet']);
    await git.run(['remote', 'add', 'origin', options.cloneUrl(repository)]);
    const commit = depth === 0 ? await fetchAll(git, auth, ref) : await fetchShallow(git, auth, ref, depth);
    const branch = ownRepository && !step.inputs.ref ? /^refs\/heads\/(.+)$/.exec(String(step.github.ref))?.[1] : undefined;
    await git.run(branch ? ['checkout', '--quiet', '--force', '-B', branch, commit] : ['checkout', '--quiet', '--force', '--detach', commit]);
    if (step.inputs['persist-credentials'] !== 'false' && auth[1]) await git.run(['config', '--local', 'http.extraHeader', auth[1].replace('http.extraHeader=', '')]);
    step.log(`checked out ${repository} at ${commit}`);
  };
}

async function fetchAll(git: Git, auth: string[], ref: string): Promise<string> {
  await git.run([...auth, 'fetch', '--quiet', '--prune', '--no-tags', 'origin', '+refs/heads/*:refs/remotes/origin/*', '+refs/tags/*:refs/tags/*']);
  await git.run([...auth, 'remote', 'set-head', 'origin', '--auto']);
  return (await git.output(['rev-parse', '--verify', `${ref || 'refs/remotes/origin/HEAD'}^{commit}`])).trim();
}

async function fetchShallow(git: Git, auth: string[], ref: string, depth: number): Promise<string> {
  await git.run([...auth, 'fetch', '--quiet', '--no-tags', `--depth=${depth}`, 'origin', ref || 'HEAD']);
  return (await git.output(['rev-parse', '--verify', 'FETCH_HEAD^{commit}'])).trim();
}

/** actions/setup-node: the harness runs on the Node that runs the tests. */
export const localSetupNode: ActionHandler = async (step) => {
  step.log(`using the local Node ${process.version} for node-version ${step.inputs['node-version'] ?? '(default)'}`);
};

/** actions/create-github-app-token: hands out a token made for the test (for github-sim, say). */
export function fixedAppToken(token: string): ActionHandler {
  return async (step) => {
    if (!step.inputs['app-id'] || !step.inputs['private-key']) throw new Error('create-github-app-token needs app-id and private-key');
    step.setOutput('token', token);
  };
}

/**
 * The workflows' "Install ecosystem" step, locally: an `ecosystem` command on PATH
 * that runs the workspace's built CLI instead of the npm release.
 */
export function workspaceEcosystem(cliEntry: string): ActionHandler {
  return async (step) => {
    const bin = path.join(step.runnerTemp, 'ecosystem-bin');
    await mkdir(bin, { recursive: true });
    const launcher = path.join(bin, 'ecosystem');
    // The paths travel as variables, not as text inside the script.
    await writeFile(launcher, '#!/bin/sh\nexec "$ECOSYSTEM_LOCAL_NODE" "$ECOSYSTEM_LOCAL_CLI" "$@"\n');
    await chmod(launcher, 0o755);
    step.exportVariable('ECOSYSTEM_LOCAL_NODE', process.execPath);
    step.exportVariable('ECOSYSTEM_LOCAL_CLI', cliEntry);
    step.addPath(bin);
  };
}
