import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Principal } from './auth.js';

/**
 * GitHub refuses a push that adds, changes or deletes a file under `.github/workflows/`
 * unless the token may change workflows (classic PAT `workflow` scope, fine-grained PAT
 * or App "Workflows: write"; a GITHUB_TOKEN never may). The refusal, as quoted in
 * public issues (e.g. peter-evans/create-pull-request#3558, nextcloud/spreed#16336):
 *   ! [remote rejected] main -> main (refusing to allow a Personal Access Token to create
 *   or update workflow `.github/workflows/release.yml` without `workflow` scope)
 * The sim checks in a pre-receive hook, so the whole push is refused and git prints the
 * same sentence on a `remote:` line.
 */
export function workflowRefusal(principal: Principal): string {
  if (principal.kind !== 'token') return '';
  const token = principal.token;
  if (token.kind === 'admin') return '';
  if (token.kind === 'pat') return token.permissions.workflows === 'write' ? '' : 'refusing to allow a Personal Access Token to create or update workflow `%s` without `workflow` scope';
  if (token.kind === 'installation' && token.permissions.workflows === 'write') return '';
  return 'refusing to allow a GitHub App to create or update workflow `%s` without `workflows` permission';
}

// Runs inside `git receive-pack` (node is the sim's own runtime); CommonJS, no dependencies.
const HOOK = `#!/usr/bin/env node
const { execFileSync } = require('node:child_process');
const refusal = process.env.GITHUB_SIM_WORKFLOW_REFUSAL || '';
const ZERO = '0000000000000000000000000000000000000000';
const lines = require('node:fs').readFileSync(0, 'utf8').split('\\n').filter(Boolean);
if (refusal) {
  for (const line of lines) {
    const [before, after] = line.split(' ');
    const range = after === ZERO ? null : before === ZERO ? [after, '--not', '--all'] : [before + '..' + after];
    // A deleted branch changes no file; a moved one changes what its new commits change.
    const changed = range ? execFileSync('git', ['log', '--format=', '--name-only', '-z', ...range, '--', '.github/workflows/'], { encoding: 'utf8' }).split('\\0').filter(Boolean) : [];
    if (changed.length > 0) {
      process.stderr.write(refusal.replace('%s', changed[0]) + '\\n');
      process.exit(1);
    }
  }
}
`;

/** A folder with the pre-receive hook, for `core.hooksPath` of every receive-pack. */
export async function writeWorkflowHook(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'github-sim-hooks-'));
  const hook = join(dir, 'pre-receive');
  await writeFile(hook, HOOK);
  await chmod(hook, 0o755);
  return dir;
}
