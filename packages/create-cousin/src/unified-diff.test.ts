import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './test-support/cli.js';
import { unifiedDiff } from './unified-diff.js';

/** The system's own `diff -u`, headers stripped of their timestamps. */
async function systemDiff(a: string, b: string): Promise<string> {
  const dir = await tempDir();
  await writeFile(path.join(dir, 'a'), a);
  await writeFile(path.join(dir, 'b'), b);
  const out = await new Promise<string>((resolve, reject) =>
    execFile('diff', ['-u', 'a', 'b'], { cwd: dir }, (error, stdout) => (error && error.code !== 1 ? reject(error) : resolve(stdout))),
  );
  return out.split('\n').slice(2).join('\n');
}

const lines = (n: number, prefix = 'line') => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}\n`).join('');

const cases: Array<[string, string, string]> = [
  ['one changed line in the middle', lines(20), lines(20).replace('line 10\n', 'changed 10\n')],
  ['lines added at the end', lines(5), `${lines(5)}extra 1\nextra 2\n`],
  ['lines removed at the start', lines(8), lines(8).split('\n').slice(3).join('\n')],
  ['two changes far apart (two hunks)', lines(30), lines(30).replace('line 2\n', 'two\n').replace('line 27\n', 'twenty-seven\n')],
  ['two changes close together (one hunk)', lines(30), lines(30).replace('line 10\n', 'ten\n').replace('line 14\n', 'fourteen\n')],
  ['a new file', '', lines(3)],
  ['an emptied file', lines(3), ''],
  ['a one-line file', 'x\n', 'y\n'],
  ['one line into three', 'a\n', 'a\nb\nc\n'],
  ['a rewrite', lines(4, 'old'), lines(6, 'new')],
  ['no newline at the end of either file', 'a\nb', 'a\nc'],
  ['a line added at the top', lines(10), `new\n${lines(10)}`],
];

describe('unifiedDiff prints what diff -u prints', () => {
  it.each(cases)('%s', async (_name, a, b) => {
    const ours = unifiedDiff(a, b, 'file.txt');
    expect(ours.split('\n').slice(0, 2)).toEqual(['--- a/file.txt', '+++ b/file.txt']);
    expect(ours.split('\n').slice(2).join('\n')).toBe(await systemDiff(a, b));
  });

  it('is empty for equal texts', () => {
    expect(unifiedDiff(lines(5), lines(5), 'same.txt')).toBe('');
  });
});
