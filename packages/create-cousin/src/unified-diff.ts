type Edit = { kind: ' ' | '-' | '+'; line: string; oldNo: number; newNo: number };

/**
 * A unified diff (`diff -u` layout, 3 lines of context) of two texts. The files
 * create-cousin writes are a few dozen lines, so a plain LCS table is enough.
 */
export function unifiedDiff(oldText: string, newText: string, file: string, context = 3): string {
  const edits = lineEdits(splitLines(oldText), splitLines(newText));
  const hunks = groupHunks(edits, context);
  if (hunks.length === 0) return '';
  return [`--- a/${file}`, `+++ b/${file}`, ...hunks.flatMap(renderHunk)].join('\n') + '\n';
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function lineEdits(a: string[], b: string[]): Edit[] {
  // lcs[i][j] = length of the longest common subsequence of a[i..] and b[j..]
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const edits: Edit[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) edits.push({ kind: ' ', line: a[i++]!, oldNo: i, newNo: ++j });
    // Deletions before insertions, as diff -u prints them.
    else if (i < a.length && (j === b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) edits.push({ kind: '-', line: a[i++]!, oldNo: i, newNo: j });
    else edits.push({ kind: '+', line: b[j++]!, oldNo: i, newNo: j });
  }
  return edits;
}

function groupHunks(edits: Edit[], context: number): Edit[][] {
  let current: { from: number; to: number } | undefined;
  const ranges: { from: number; to: number }[] = [];
  edits.forEach((edit, index) => {
    if (edit.kind === ' ') return;
    const from = Math.max(0, index - context);
    const to = Math.min(edits.length, index + context + 1);
    if (current && from <= current.to) current.to = to;
    else ranges.push((current = { from, to }));
  });
  return ranges.map((range) => edits.slice(range.from, range.to));
}

function renderHunk(hunk: Edit[]): string[] {
  const first = hunk[0]!;
  const oldCount = hunk.filter((e) => e.kind !== '+').length;
  const newCount = hunk.filter((e) => e.kind !== '-').length;
  // diff -u numbers an empty side by the line before it.
  const oldFrom = first.kind === '+' && oldCount > 0 ? first.oldNo + 1 : first.oldNo;
  const newFrom = first.kind === '-' && newCount > 0 ? first.newNo + 1 : first.newNo;
  return [`@@ -${range(oldFrom, oldCount)} +${range(newFrom, newCount)} @@`, ...hunk.map((e) => `${e.kind}${e.line}`)];
}

/** diff -u leaves out a count of 1. */
function range(start: number, count: number): string {
  return count === 1 ? `${start}` : `${start},${count}`;
}
