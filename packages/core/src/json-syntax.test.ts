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
    ['{"a" 1}', 5, /expected ":" after the key but found "1"/],
    ['[1 2]', 3, /expected "," or "]"/],
    ['{"a": [1, 2]', 12, /not closed/],
    ['"abc', 4, /string is not closed/],
    ['[1] x', 4, /after the end/],
    ['{"a": "\\x"}', 7, /invalid escape/],
    ['{"a": "x\ny"}', 8, /control character inside a string/],
    ['{"a": "\\u12"}', 7, /invalid \\u escape/],
    ['{"a": tru}', 6, /unexpected "tru"/],
    ['{"a": 1 "b": 2}', 8, /expected "," or "}" but found "\\"b\\""/],
    ['[1.]', 1, /invalid number "1\."/],
    ['{"a": 1} // c', 9, /comments/],
    ['# c\n{}', 0, /comments/],
    ['[1,\u000b2]', 3, /whitespace character U\+000B/],
    ['[1,\u00a02]', 3, /whitespace character U\+00A0/],
    ['', 0, /empty/],
  ])('reports %j at offset %d', (text, offset, message) => {
    expect(() => JSON.parse(text)).toThrow();
    const problem = findJsonSyntaxProblem(text);
    expect(problem?.offset).toBe(offset);
    expect(problem?.message).toMatch(message);
  });

  it('finds a problem exactly when JSON.parse refuses the text (2,000 seeded mutations of a valid file)', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const valid = JSON.stringify({ defaults: { eventType: 'a', exclude: ['**/*.md'] }, cousins: [{ repo: 'a/b', subscriptions: ['x', '!y'], batch: false, n: -1.5e3, z: null }] }, null, 2);
    const alphabet = '{}[]",:\\ \n\t/#\'01-.eEatrnu\u000b\u00a0';
    for (let i = 0; i < 2000; i++) {
      let text = valid;
      for (let edit = 0; edit < 1 + Math.floor(random() * 3); edit++) {
        const at = Math.floor(random() * text.length);
        const op = random();
        if (op < 0.4) text = text.slice(0, at) + text.slice(at + 1);
        else if (op < 0.8) text = text.slice(0, at) + alphabet[Math.floor(random() * alphabet.length)] + text.slice(at);
        else text = text.slice(0, at);
      }
      let parses = true;
      try {
        JSON.parse(text);
      } catch {
        parses = false;
      }
      const problem = findJsonSyntaxProblem(text);
      expect(problem === undefined, JSON.stringify(text)).toBe(parses);
      if (problem) expect(problem.offset).toBeLessThanOrEqual(text.length);
    }
  });
});
