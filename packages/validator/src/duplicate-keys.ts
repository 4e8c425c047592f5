/**
 * Keys written twice in one object. JSON.parse keeps the last silently, so
 * `"subscriptions"` written twice drops a whole list without a word. Runs on text that
 * JSON.parse accepted, so it only has to follow strings and brackets.
 */
export interface DuplicateKey {
  key: string;
  /** Offsets of the opening quote of the first and of the repeated key. */
  firstOffset: number;
  offset: number;
}

interface Frame {
  keys: Map<string, number> | undefined;
  expectKey: boolean;
}

export function findDuplicateKeys(text: string): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const end = endOfString(text, i);
      const top = stack[stack.length - 1];
      if (top?.keys && top.expectKey) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        const first = top.keys.get(key);
        if (first === undefined) top.keys.set(key, i);
        else found.push({ key, firstOffset: first, offset: i });
        top.expectKey = false;
      }
      i = end;
    } else if (c === 0x7b /* { */) stack.push({ keys: new Map(), expectKey: true });
    else if (c === 0x5b /* [ */) stack.push({ keys: undefined, expectKey: false });
    else if (c === 0x7d /* } */ || c === 0x5d /* ] */) stack.pop();
    else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top?.keys) top.expectKey = true;
    }
  }
  return found;
}

/** Offset of the closing quote of the string that opens at `start`. */
function endOfString(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    const quote = text.indexOf('"', i);
    if (quote === -1) return text.length;
    let backslashes = 0;
    for (let j = quote - 1; text.charCodeAt(j) === 0x5c; j--) backslashes++;
    if (backslashes % 2 === 0) return quote;
    i = quote + 1;
  }
}
