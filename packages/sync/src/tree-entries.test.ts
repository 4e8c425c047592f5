import { describe, expect, it } from 'vitest';
import { parseLsTree, parseRawDiff } from './tree-entries.js';

const A = '1'.repeat(40);
const B = '2'.repeat(40);
const Z = '0'.repeat(40);

describe('git output parsing', () => {
  it('reads ls-tree entries with odd names', () => {
    expect(parseLsTree(`100644 blob ${A}\tf/with space\n.txt\x00120000 blob ${B}\tf/link\x00`)).toEqual([
      { mode: '100644', oid: A, path: 'f/with space\n.txt' },
      { mode: '120000', oid: B, path: 'f/link' },
    ]);
  });

  it('reads raw diffs with adds, deletes and renames', () => {
    const raw = [`:000000 100644 ${Z} ${A} A`, 'f/new', `:100644 000000 ${A} ${Z} D`, 'f/old', `:100644 100755 ${A} ${B} R087`, 'f/from', 'f/to', `:100644 100644 ${A} ${B} M`, 'f/m'].join('\0') + '\0';
    expect(parseRawDiff(raw)).toEqual([
      { status: 'A', path: 'f/new', oldMode: '000000', newMode: '100644', oldOid: Z, newOid: A },
      { status: 'D', path: 'f/old', oldMode: '100644', newMode: '000000', oldOid: A, newOid: Z },
      { status: 'R', oldPath: 'f/from', path: 'f/to', oldMode: '100644', newMode: '100755', oldOid: A, newOid: B },
      { status: 'M', path: 'f/m', oldMode: '100644', newMode: '100644', oldOid: A, newOid: B },
    ]);
  });
});
