import { describe, expect, it } from 'vitest';
import { findJsonSyntaxProblem } from './json-syntax.js';

describe('finding JSON syntax errors', () => {
  it.each([
    '{}', '[]', '{"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"]}', ' \n[ {"a":{}} ]\n',
  ])('accepts valid JSON %j', (text) => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(findJsonSyntaxProblem(text)).toBeUndefined();
  });

  it.each([
    ['[1, 2,]', 5, /trailing comma/],
    ['{"a": 1,}', 7, /trailing comma/],
    ['{"a": 1 // c\n}', 8, /comments/],
    ["{'a': 1}", 1, /double quotes/],
    ['{"a" 1}', 5, /unexpected "1"/],
    ['[1 2]', 3, /expected "," or "]"/],
    ['{"a": [1, 2]', 12, /not closed/],
    ['"abc', 4, /string is not closed/],
    ['[1] x', 4, /after the end/],
    ['{"a": "\\x"}', 7, /invalid escape/],
  ])('reports %j at offset %d', (text, offset, message) => {
    expect(() => JSON.parse(text)).toThrow();
    const problem = findJsonSyntaxProblem(text);
    expect(problem?.offset).toBe(offset);
    expect(problem?.message).toMatch(message);
  });
});
