import { describe, expect, it } from 'vitest';
import { ConfigError } from './errors.js';
import { parseJsonDocument } from './json-document.js';

function syntaxError(text: string): ConfigError {
  try {
    parseJsonDocument(text, 'ecosystem.json');
  } catch (error) {
    return error as ConfigError;
  }
  throw new Error('expected a syntax error');
}

describe('JSON documents with positions', () => {
  const text = '{\n  "cousins": [\n    { "repo": "acme/app", "subscriptions": ["features/a"] }\n  ]\n}\n';

  it('finds the line and column of a nested value', () => {
    const doc = parseJsonDocument(text, 'ecosystem.json');
    expect(doc.positionOf(['cousins', 0, 'repo'])).toMatchObject({ line: 3, column: 15 });
    expect(doc.positionOf(['cousins', 0, 'subscriptions', 0])).toMatchObject({ line: 3, column: 45 });
    expect(doc.keyPositionOf(['cousins', 0, 'repo'])).toMatchObject({ line: 3, column: 7 });
  });

  it('falls back to the nearest existing parent', () => {
    const doc = parseJsonDocument(text, 'ecosystem.json');
    expect(doc.positionOf(['cousins', 0, 'missing'])).toMatchObject({ line: 3, column: 5 });
  });

  it('points at a trailing comma', () => {
    const error = syntaxError('{\n  "a": [1, 2,],\n}');
    expect(error.message).toMatch(/trailing comma/);
    expect([error.line, error.column]).toEqual([2, 13]);
  });

  it('points at a comment', () => {
    const error = syntaxError('{\n  // no\n}');
    expect(error.message).toMatch(/comments are not allowed/);
    expect([error.line, error.column]).toEqual([2, 3]);
  });

  it('reports an unclosed brace at the end', () => {
    const error = syntaxError('{\n  "a": [1, 2]\n');
    expect(error.message).toMatch(/not closed/);
    expect(error.line).toBe(2);
  });

  it('ignores a byte order mark', () => {
    expect(parseJsonDocument('\ufeff[]', 'x.json').value).toEqual([]);
  });
});
