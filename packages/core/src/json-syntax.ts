import { createScanner, printParseErrorCode, visit, type ParseErrorCode, type SyntaxKind } from 'jsonc-parser';

// SyntaxKind is a const enum, which isolated modules cannot read at runtime; the types check these values.
const TRIVIA: SyntaxKind.Trivia = 15;
const EOF: SyntaxKind.EOF = 17;

/**
 * Finds the first JSON syntax error and its offset. JSON.parse says *that* the text is
 * invalid, but V8's messages do not always carry a position; jsonc-parser (strict: no
 * comments, no trailing commas) does, and its error code is put into words here.
 */
export interface JsonSyntaxProblem {
  offset: number;
  message: string;
}

interface FirstError {
  code: ParseErrorCode;
  /** Whether the top-level value had already ended: the error is text after it. */
  afterValue: boolean;
  offset: number;
  length: number;
  /** The innermost object or array open at the error. */
  container: '}' | ']' | undefined;
}

export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | undefined {
  const first = firstError(text);
  if (first) return describe(text, first);
  return strayWhitespace(text);
}

function firstError(text: string): FirstError | undefined {
  const open: Array<'}' | ']'> = [];
  let first: FirstError | undefined;
  let ended = false;
  const close = () => {
    open.pop();
    ended ||= open.length === 0;
  };
  visit(
    text,
    {
      onObjectBegin: () => void open.push('}'),
      onObjectEnd: close,
      onArrayBegin: () => void open.push(']'),
      onArrayEnd: close,
      onLiteralValue: () => void (ended ||= open.length === 0),
      onError: (code, offset, length) => {
        first ??= { code, offset, length, container: open[open.length - 1], afterValue: ended };
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  return first;
}

/** Each jsonc-parser error code in words, placed where a person would look. */
function describe(text: string, error: FirstError): JsonSyntaxProblem {
  const { offset } = error;
  const code = printParseErrorCode(error.code);
  if (code === 'InvalidCommentToken' || code === 'UnexpectedEndOfComment' || text[offset] === '#' || (text[offset] === '/' && !error.afterValue)) {
    return { offset, message: 'comments are not allowed in JSON' };
  }
  if (['UnexpectedEndOfString', 'InvalidCharacter', 'InvalidEscapeCharacter', 'InvalidUnicode'].includes(code)) return insideString(text, offset, error.length);
  if (isStrayWhitespace(text[offset])) return strayWhitespaceAt(text, offset);
  if (text.slice(offset).trim() === '') {
    if (text.trim() === '') return { offset: 0, message: 'the file is empty: expected a JSON value' };
    return { offset: text.trimEnd().length, message: 'unexpected end of file: a brace or bracket is not closed' };
  }
  const token = text.slice(offset, offset + Math.max(error.length, 1));
  // A word or a string as the parser read it; anything else by its first character.
  const found = JSON.stringify((token.startsWith('"') ? token.slice(0, 40) : /^[\w.+-]+/.exec(token)?.[0]) ?? text[offset]!);
  if (error.afterValue) return { offset, message: `unexpected ${found} after the end of the JSON value` };
  if (code === 'InvalidNumberFormat' || code === 'UnexpectedEndOfNumber') return { offset, message: `invalid number ${found}` };
  if (code === 'ColonExpected') return { offset, message: `expected ":" after the key but found ${found}` };
  if (text[offset] === "'") return { offset, message: 'strings must use double quotes' };
  const before = text.slice(0, offset).trimEnd();
  if ((text[offset] === '}' || text[offset] === ']') && before.endsWith(',')) {
    return { offset: before.length - 1, message: `trailing comma before the closing ${text[offset] === '}' ? 'brace' : 'bracket'}` };
  }
  // After a complete value inside an object or array, only "," or the closing bracket may come.
  if (error.container && before !== '' && !'[{,:'.includes(before[before.length - 1]!)) {
    return { offset, message: `expected "," or "${error.container}" but found ${found}` };
  }
  return { offset, message: `unexpected ${found}` };
}

/** jsonc-parser reports a bad string as a whole; this finds the character at fault in it. */
function insideString(text: string, offset: number, length: number): JsonSyntaxProblem {
  const body = text.slice(offset, offset + length);
  const bad = /[\u0000-\u001f]|\\(?:u(?![0-9a-fA-F]{4})|[^"\\/bfnrtu]|$)/.exec(body.slice(1));
  if (bad) {
    const at = offset + 1 + bad.index;
    if (bad[0].startsWith('\\')) return { offset: at, message: bad[0].startsWith('\\u') ? 'invalid \\u escape' : 'invalid escape in a string' };
    return { offset: at, message: 'control character inside a string; escape it (\\n, \\t)' };
  }
  // jsonc-parser ends a string at a line break; JSON allows none inside one.
  if (/[\r\n]/.test(text[offset + length] ?? '')) return { offset: offset + length, message: 'control character inside a string; escape it (\\n, \\t)' };
  return { offset: text.trimEnd().length, message: 'unexpected end of file: a string is not closed' };
}

/** jsonc-parser skips some Unicode spaces (vertical tab, form feed…) that JSON does not allow. */
function strayWhitespace(text: string): JsonSyntaxProblem | undefined {
  const scanner = createScanner(text, false);
  for (let kind = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
    if (kind !== TRIVIA) continue;
    const stray = /[^ \t\n\r]/.exec(scanner.getTokenValue());
    if (stray) return strayWhitespaceAt(text, scanner.getTokenOffset() + stray.index);
  }
  return undefined;
}

function isStrayWhitespace(char: string | undefined): boolean {
  return char !== undefined && /\s/.test(char) && !' \t\n\r'.includes(char);
}

function strayWhitespaceAt(text: string, offset: number): JsonSyntaxProblem {
  const code = text.charCodeAt(offset).toString(16).toUpperCase().padStart(4, '0');
  return { offset, message: `unexpected whitespace character U+${code}; JSON allows only spaces, tabs and line breaks` };
}
