import { describe, expect, it } from 'vitest';
import { parseCommandFile } from './command-files.js';

describe('GITHUB_OUTPUT / GITHUB_ENV files', () => {
  it('reads name=value lines (the value may hold =) and heredoc blocks', () => {
    const text = 'a=1\nurl=https://x?y=z\njson<<EOF_1\n{"k": [1,\n 2]}\nEOF_1\nempty=\n';
    expect(parseCommandFile(text)).toEqual({ a: '1', url: 'https://x?y=z', json: '{"k": [1,\n 2]}', empty: '' });
  });

  it('a later value wins', () => {
    expect(parseCommandFile('a=1\na=2\n')).toEqual({ a: '2' });
  });

  it('an unterminated block is an error, not a silent drop', () => {
    expect(() => parseCommandFile('a<<EOF\nline\n')).toThrow(/unterminated a<<EOF/);
  });
});
