import { splitNul } from '@ecosystem-dispatcher/core';

/** One file of an upstream snapshot, as `git ls-tree -r` shows it. */
export interface TreeEntry {
  /** 100644, 100755, 120000 (symlink) or 160000 (submodule). */
  mode: string;
  oid: string;
  path: string;
}

/** One change between two upstream snapshots, as `git diff-tree --raw -M` shows it. */
export interface TreeChange {
  status: 'A' | 'M' | 'D' | 'R' | 'T';
  /** Set for renames: where the file was. */
  oldPath?: string;
  path: string;
  oldMode: string;
  newMode: string;
  oldOid: string;
  newOid: string;
}

export const SYMLINK_MODE = '120000';
export const SUBMODULE_MODE = '160000';
export const NULL_OID = /^0+$/;

/** Parses `git ls-tree -r -z` output. */
export function parseLsTree(output: string): TreeEntry[] {
  return splitNul(output).map((line) => {
    const tab = line.indexOf('\t');
    const [mode = '', , oid = ''] = line.slice(0, tab).split(' ');
    return { mode, oid, path: line.slice(tab + 1) };
  });
}

/** Parses `git diff-tree -r -z --raw` output (copies are not asked for; renames are). */
export function parseRawDiff(output: string): TreeChange[] {
  const parts = splitNul(output);
  const changes: TreeChange[] = [];
  for (let i = 0; i < parts.length; ) {
    const header = parts[i++]!;
    const [oldMode = '', newMode = '', oldOid = '', newOid = '', statusField = ''] = header.replace(/^:/, '').split(' ');
    const letter = statusField.charAt(0);
    if (letter === 'R' || letter === 'C') {
      const oldPath = parts[i++]!;
      const path = parts[i++]!;
      changes.push({ status: 'R', oldPath, path, oldMode, newMode, oldOid, newOid });
    } else {
      const path = parts[i++]!;
      const status = letter === 'A' || letter === 'D' || letter === 'T' ? letter : 'M';
      changes.push({ status, path, oldMode, newMode, oldOid, newOid });
    }
  }
  return changes;
}

/** Entries of a raw tree object (`<mode> <name>\0<binary oid>` repeated); oids come back as hex. */
export function parseTreeObject(data: Buffer, oidBytes: 20 | 32): { mode: string; name: string; oid: string }[] {
  const entries: { mode: string; name: string; oid: string }[] = [];
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(32, at);
    const nul = data.indexOf(0, space);
    entries.push({
      mode: data.subarray(at, space).toString('latin1'),
      name: data.subarray(space + 1, nul).toString('utf8'),
      oid: data.subarray(nul + 1, nul + 1 + oidBytes).toString('hex'),
    });
    at = nul + 1 + oidBytes;
  }
  return entries;
}
