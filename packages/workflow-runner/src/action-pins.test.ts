import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The workflow files the project writes by hand: its own and the cousin templates. */
async function workflowSources(): Promise<{ file: string; text: string }[]> {
  const workflows = (await readdir(join(ROOT, '.github', 'workflows'))).filter((name) => /\.ya?ml$/.test(name)).map((name) => join('.github', 'workflows', name));
  const templates = (await readdir(join(ROOT, 'templates'))).filter((name) => /\.ya?ml\.hbs$/.test(name)).map((name) => join('templates', name));
  return Promise.all([...workflows, ...templates].sort().map(async (file) => ({ file, text: await readFile(join(ROOT, file), 'utf8') })));
}

/** Those files and the README, whose workflow examples people copy as they are. */
async function pinSources(): Promise<{ file: string; text: string }[]> {
  return [...(await workflowSources()), { file: 'README.md', text: await readFile(join(ROOT, 'README.md'), 'utf8') }];
}

/** Every `uses:` of another repository's action (not ./local ones, not docker://). */
function remoteUses(text: string): { line: number; value: string }[] {
  return text
    .split('\n')
    .map((line, index) => ({ line: index + 1, match: /^\s*(?:-\s+)?uses:\s*(.+?)\s*$/.exec(line) }))
    .filter(({ match }) => match && !match[1]!.startsWith('./') && !match[1]!.startsWith('docker://') && !match[1]!.startsWith('{{'))
    .map(({ line, match }) => ({ line, value: match![1]! }));
}

const PINNED = /^[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/;
// The reusable workflows of this repository are pinned by the user, not here.
const OWN_REUSABLE = /^[\w.-]+\/ecosystem-dispatcher\/\.github\/workflows\//;

describe('third-party actions in the shipped workflows and templates', () => {
  it('are pinned to a full commit SHA with the release it is, as a # vX.Y.Z comment (README examples too)', async () => {
    const unpinned = (await pinSources()).flatMap(({ file, text }) =>
      remoteUses(text)
        .filter(({ value }) => !OWN_REUSABLE.test(value) && !PINNED.test(value))
        .map(({ line, value }) => `${file}:${line} ${value}`),
    );
    expect(unpinned).toEqual([]);
  });

  it('name one commit per action everywhere, so the version comments cannot disagree', async () => {
    const commits = new Map<string, Set<string>>();
    for (const { text } of await pinSources()) {
      for (const { value } of remoteUses(text)) {
        const [action, rest] = value.split('@');
        if (!rest || OWN_REUSABLE.test(value)) continue;
        commits.set(action!, (commits.get(action!) ?? new Set()).add(rest));
      }
    }
    expect([...commits].filter(([, pins]) => pins.size > 1).map(([action, pins]) => `${action}: ${[...pins].join(', ')}`)).toEqual([]);
    expect(commits.size).toBeGreaterThanOrEqual(3);
  });

  it('set up Node.js 24 wherever they run the tool', async () => {
    const sources = await workflowSources();
    const versions = sources.flatMap(({ file, text }) => [...text.matchAll(/node-version:\s*(.+?)\s*$/gm)].map((match) => `${file} ${match[1]}`));
    expect(versions.length).toBeGreaterThan(0);
    // ci.yml tests the workspace on a matrix of the oldest supported Node.js and 24.
    const ciMatrix = '.github/workflows/ci.yml ${{ matrix.node }}';
    expect(versions.filter((entry) => !entry.endsWith(' 24') && entry !== ciMatrix)).toEqual([]);
    expect(sources.find(({ file }) => file === '.github/workflows/ci.yml')!.text).toMatch(/^\s+node: \[20, 24\]$/m);
  });
});
