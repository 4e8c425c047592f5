import { describe, expect, it } from 'vitest';
import { findDuplicateKeys } from './duplicate-keys.js';

describe('duplicate keys', () => {
  it('are found per object, at the repeated key', () => {
    const text = '{"a": 1, "b": {"a": 2, "c": [ {"a": 3} ]}, "a": 4}';
    expect(findDuplicateKeys(text)).toEqual([{ key: 'a', firstOffset: 1, offset: 43 }]);
  });

  it('compare keys after unescaping and ignore quotes and brackets inside strings', () => {
    const text = '{"k\\u0065y": "}{,\\"", "key": "x", "s": "[\\\\", "t": 1}';
    expect(findDuplicateKeys(text).map((d) => d.key)).toEqual(['key']);
  });

  it('leave values that look like keys alone', () => {
    expect(findDuplicateKeys('{"a": "a", "b": ["a", "a"], "c": {"a": "a"}}')).toEqual([]);
  });
});
