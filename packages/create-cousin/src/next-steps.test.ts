import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { checkAnswers, type Draft } from './answers.js';
import { manualDispatchCommand, nextSteps } from './next-steps.js';

const answers = (overrides: Partial<Draft> = {}) =>
  checkAnswers({
    dir: '/tmp/cousin', upstream: 'acme/monorepo', subscribe: ["features/it's here/$(touch x)"], method: undefined,
    labels: undefined, repo: 'acme/app', standalone: false, ref: undefined, ...overrides,
  });

describe('the manual dispatch command', () => {
  it('survives a shell: odd feature names arrive as one literal argument', () => {
    const command = manualDispatchCommand(answers());
    // Everything up to the commit lookup, with gh swapped for printf, so nothing else runs.
    const literal = command.slice(0, command.indexOf(' -f "client_payload[commit_sha]')).replace(/^gh /, "printf '%s\\n' ");
    const words = execFileSync('bash', ['-c', literal], { encoding: 'utf8' }).trimEnd().split('\n');
    expect(words).toEqual([
      'api', 'repos/acme/app/dispatches',
      '-f', 'event_type=feature-update',
      '-f', "client_payload[updated_feature]=features/it's here/$(touch x)",
      '-f', 'client_payload[source_repo]=acme/monorepo',
    ]);
    expect(command).toContain('"client_payload[commit_sha]=$(gh api repos/acme/monorepo/commits/HEAD --jq .sha)"');
  });
});

describe('next steps', () => {
  it('name the secret, the upstream entry when not registered, and how to pin the tag', () => {
    const text = nextSteps(answers({ subscribe: ['features/a'] }), false);
    expect(text).toContain('gh secret set ECOSYSTEM_TOKEN --repo acme/app');
    expect(text).toContain('"subscriptions": [');
    expect(text).toMatch(/git ls-remote https:\/\/github\.com\/ecosystem-dispatcher\/ecosystem-dispatcher\.git refs\/tags\/v\d/);
  });

  it('leave out the entry once registered, and the pin advice for a commit or a standalone workflow', () => {
    expect(nextSteps(answers({ subscribe: ['features/a'], ref: 'a'.repeat(40) }), true)).not.toMatch(/ecosystem\.json:|ls-remote/);
    expect(nextSteps(answers({ subscribe: ['features/a'], standalone: true }), true)).not.toContain('ls-remote');
  });
});
