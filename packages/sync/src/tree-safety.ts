import { SYMLINK_MODE, type TreeEntry } from './tree-entries.js';

/** Characters HFS+ ignores in names (git's fsck knows them too): `.g\u200Cit` is `.git` on a Mac. */
const HFS_IGNORED = /[\u200C-\u200F\u202A-\u202E\u206A-\u206F\uFEFF]/g;

/** A name a checkout would treat as `name` on macOS (case, ignorables) or Windows (trailing dots and spaces, 8.3 short names). */
function sameNameAs(segment: string, name: '.git' | '.gitmodules'): boolean {
  const folded = segment.replace(HFS_IGNORED, '').toLowerCase().replace(/[. ]+$/, '');
  const short = name === '.git' ? /^git~\d+$/ : /^gitmod~\d+$/;
  return folded === name || short.test(folded);
}

/**
 * The entries git's fsck refuses (fsck.c: hasDotgit, gitmodulesSymlink, gitmodulesUrl…),
 * checked before anything reaches the cousin: a `.git` anywhere in a path, in any case or
 * disguise, would write into the cousin's repository itself; a `.gitmodules` that is a
 * link, or whose URLs point at local paths, other transports or option-like values, would
 * send a later `git submodule update` where upstream chose. Returns the reason, or undefined.
 */
export function findUnsafeEntry(entries: readonly TreeEntry[], readText: (oid: string) => string): { path: string; reason: string } | undefined {
  for (const entry of entries) {
    const segments = entry.path.split('/');
    if (segments.some((segment) => sameNameAs(segment, '.git'))) return { path: entry.path, reason: 'a .git entry (in some case or spelling) would write into the repository itself' };
    if (!sameNameAs(segments.at(-1)!, '.gitmodules')) continue;
    if (entry.mode === SYMLINK_MODE) return { path: entry.path, reason: 'a .gitmodules that is a symlink' };
    const url = foreignUrl(readText(entry.oid));
    if (url !== undefined) return { path: entry.path, reason: `a .gitmodules with the submodule URL ${JSON.stringify(url)}; only https://, ssh:// and git@host: URLs or ./ ../ paths are accepted` };
  }
  return undefined;
}

function foreignUrl(text: string): string | undefined {
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*url\s*=\s*(.*?)\s*$/i.exec(line);
    if (!match) continue;
    const url = match[1]!.replace(/^"(.*)"$/, '$1');
    const allowed = /^(?:https:\/\/|ssh:\/\/|git@[^:/\s]+:|\.\.?\/)/.test(url) && !/\s|\\/.test(url) && !url.includes('/-');
    if (!allowed) return url;
  }
  return undefined;
}
