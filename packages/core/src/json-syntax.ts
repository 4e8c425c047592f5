/**
 * Finds the first JSON syntax error and its offset. JSON.parse says *that* the text is
 * invalid, but V8's messages do not always carry a position; this strict scanner does.
 */
export interface JsonSyntaxProblem {
  offset: number;
  message: string;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

class Fail {
  constructor(readonly offset: number, readonly message: string) {}
}

export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | undefined {
  let i = 0;
  const skip = () => {
    while (i < text.length && WHITESPACE.has(text[i]!)) i++;
  };
  const unexpected = (): never => {
    const c = text[i];
    if (c === undefined) throw new Fail(text.trimEnd().length, 'unexpected end of file: a brace or bracket is not closed');
    if (c === '/' || c === '#') throw new Fail(i, 'comments are not allowed in JSON');
    if (c === "'") throw new Fail(i, 'strings must use double quotes');
    throw new Fail(i, `unexpected ${JSON.stringify(c)}`);
  };
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      const code = text.charCodeAt(i);
      if (code < 0x20) throw new Fail(i, 'control character inside a string; escape it (\\n, \\t)');
      if (text[i] === '\\') {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new Fail(i, 'invalid \\u escape');
          i += 6;
          continue;
        }
        if (next === undefined || !'"\\/bfnrt'.includes(next)) throw new Fail(i, 'invalid escape in a string');
        i += 2;
        continue;
      }
      i++;
    }
    if (i >= text.length) throw new Fail(text.trimEnd().length, 'unexpected end of file: a string is not closed');
    i++;
  };
  const literal = () => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m && m[0].length > 0) {
      i += m[0].length;
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    unexpected();
  };
  const container = (close: '}' | ']') => {
    i++;
    skip();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      skip();
      if (close === '}') {
        if (text[i] !== '"') {
          if (text[i] === close) throw new Fail(lastComma, 'trailing comma before the closing brace');
          unexpected();
        }
        string();
        skip();
        if (text[i] !== ':') unexpected();
        i++;
        skip();
      } else if (text[i] === close) {
        throw new Fail(lastComma, 'trailing comma before the closing bracket');
      }
      value();
      skip();
      if (text[i] === ',') {
        lastComma = i++;
        continue;
      }
      if (text[i] === close) {
        i++;
        return;
      }
      if (text[i] === undefined || text[i] === '/' || text[i] === '#') unexpected();
      throw new Fail(i, `expected "," or "${close}" but found ${JSON.stringify(text[i])}`);
    }
  };
  let lastComma = 0;
  const value = () => {
    skip();
    const c = text[i];
    if (c === '{') container('}');
    else if (c === '[') container(']');
    else if (c === '"') string();
    else literal();
  };
  try {
    value();
    skip();
    if (i < text.length) throw new Fail(i, `unexpected ${JSON.stringify(text[i])} after the end of the JSON value`);
    return undefined;
  } catch (error) {
    if (error instanceof Fail) return { offset: error.offset, message: error.message };
    throw error;
  }
}
