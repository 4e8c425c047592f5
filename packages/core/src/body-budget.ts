/**
 * GitHub refuses issue, pull request and comment bodies over 65,536 characters (422 "body
 * is too long (maximum is 65536 characters)"), so every body the project writes is fitted
 * to it, however many cousins failed or files changed: long lists are cut and end with
 * "… and N more", pointing at the full report.
 * https://docs.github.com/rest/issues/issues#create-an-issue
 */
export const MAX_BODY_CHARS = 65_536;

/** A piece of a body: fixed text, or a list of lines that may be cut. */
export type BodyPart = string | BodyList;

export interface BodyList {
  lines: readonly string[];
  more: (hidden: number) => string;
  /** How many items the list stands for when `lines` is already a first slice of them. */
  total?: number;
}

// Room kept for each cut list's "… and N more" line, and for the closing cut marker.
const MORE_LINE_ROOM = 400;
const CUT_MARK = '\n\n… (cut to fit GitHub\'s limit)\n';

/** "… and N more" with a link to the full report when there is one. */
export function andMore(hidden: number, reportUrl?: string, bullet = '- '): string {
  return `${bullet}… and ${hidden} more${reportUrl ? ` (full list: ${reportUrl})` : ''}`;
}

/**
 * Joins the parts with newlines within `limit` characters (UTF-16 units, never laxer than
 * GitHub's count). Lists share what the fixed text leaves, in order; a list that does not
 * fit whole keeps its first lines and ends with its `more` line. Fixed text too long on its
 * own is cut with a marker, so the result always fits.
 */
export function fitBody(parts: readonly BodyPart[], limit = MAX_BODY_CHARS): string {
  const whole = parts.map((part) => (typeof part === 'string' ? part : renderList(part, part.lines.length))).join('\n');
  if (whole.length <= limit) return whole;
  const lists = parts.filter((part) => typeof part !== 'string');
  const fixed = parts.reduce((sum, part) => sum + (typeof part === 'string' ? part.length + 1 : MORE_LINE_ROOM), 0);
  let room = Math.max(limit - fixed, 0);
  let listsLeft = lists.length;
  const rendered = parts.map((part) => {
    if (typeof part === 'string') return part;
    const share = Math.floor(room / listsLeft);
    listsLeft -= 1;
    const kept = keepWithin(part.lines, share);
    room -= kept.used;
    return renderList(part, kept.count);
  });
  return hardCut(rendered.join('\n'), limit);
}

function renderList(list: BodyList, count: number): string {
  const hidden = (list.total ?? list.lines.length) - count;
  return [...list.lines.slice(0, count), ...(hidden > 0 ? [list.more(hidden)] : [])].join('\n');
}

function keepWithin(lines: readonly string[], budget: number): { count: number; used: number } {
  let used = 0;
  let count = 0;
  for (const line of lines) {
    if (used + line.length + 1 > budget) break;
    used += line.length + 1;
    count += 1;
  }
  return { count, used };
}

/** The last resort for fixed text that alone exceeds the limit. */
export function hardCut(text: string, limit = MAX_BODY_CHARS): string {
  if (text.length <= limit) return text;
  let end = limit - CUT_MARK.length;
  // Never split a surrogate pair.
  if (/[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end -= 1;
  return text.slice(0, end) + CUT_MARK;
}
