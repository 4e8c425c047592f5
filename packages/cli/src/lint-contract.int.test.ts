import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createTempRepo, type TempRepo } from '@ecosystem-dispatcher/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The built binary, as users run it, in a monorepo checkout: what lint says up front about
// patterns the matcher reads otherwise than picomatch, workflow files and root destinations.
const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

const ECOSYSTEM = `{
  "cousins": [
    { "repo": "acme/ci-kit", "subscriptions": ["features/ci"] },
    { "repo": "acme/web", "subscriptions": ["features/web", "!(docs)/**"] },
    { "repo": "acme/pick", "subscriptions": ["features/[a-z]"] }
  ]
}
`;
const SUBSCRIPTIONS = `{
  "upstream": "acme/monorepo",
  "subscriptions": { "features/web": "." }
}
`;

let repo: TempRepo;

beforeAll(async () => {
  repo = await createTempRepo({ prefix: 'ecosystem-lint-contract-' });
  await repo.commit({
    'ecosystem.json': ECOSYSTEM,
    'cousin/subscriptions.json': SUBSCRIPTIONS,
    'features/ci/.github/workflows/test.yml': 'on: push\n',
    'features/ci/run.sh': 'true\n',
    'features/web/app.py': '1\n',
    'features/[a-z]/x.py': '1\n',
  });
});
afterAll(() => repo.remove());

function ecosystem(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const env = { PATH: process.env.PATH ?? '', HOME: repo.dir, NO_COLOR: '1' };
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...argv], { cwd: repo.dir, env }, (error, out, err) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, out, err });
    });
  });
}

describe('ecosystem lint, in a monorepo checkout', () => {
  it('warns at file:line:col about workflow files a subscription carries and a leading "!(", naming the permission and the rewrite', async () => {
    const { code, out } = await ecosystem(['lint', 'ecosystem.json']);
    expect(code).toBe(0);
    expect(out).toMatch(/^ecosystem\.json:3:48 +warning +subscription "features\/ci" carries workflow files \(features\/ci\/\.github\/workflows\/test\.yml\).*"Workflows: Read and write".* \[subscriptions\/workflow-files\]$/m);
    expect(out).toMatch(/^ecosystem\.json:4:61 +warning +subscription "!\(docs\)\/\*\*" starts with "!\(".*subscribe "\*\/\*\*" and exclude "!@\(docs\)\/\*\*" \[glob\/negated-extglob\]$/m);
    // "features/[a-z]" exists as a folder in this monorepo: read as a name, as meant.
    expect(out).not.toContain('glob/literal-name');
  });

  it('fails on those warnings with --max-warnings 0, and reports them in json', async () => {
    expect((await ecosystem(['lint', 'ecosystem.json', '--max-warnings', '0'])).code).toBe(1);
    const { out } = await ecosystem(['lint', 'ecosystem.json', '--format', 'json']);
    expect(JSON.parse(out).problems.map((p: { rule: string; line: number }) => [p.rule, p.line])).toEqual([
      ['subscriptions/workflow-files', 3],
      ['glob/negated-extglob', 4],
    ]);
  });

  it("warns about a cousin's root destination, naming what is protected and the protect setting", async () => {
    const { code, out } = await ecosystem(['lint', 'cousin/subscriptions.json', '--format', 'json']);
    expect(code).toBe(0);
    const [problem] = JSON.parse(out).problems;
    expect(problem).toMatchObject({ rule: 'destination/root', severity: 'warning', line: 3, column: 38 });
    expect(problem.message).toContain('sync never writes .github/**, this subscriptions.json, .gitmodules or any other .git* entry, and by default keeps README.md, LICENSE, LICENSE.*');
  });
});
