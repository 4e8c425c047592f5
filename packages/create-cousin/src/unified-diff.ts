import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';

/** A unified diff (`diff -u` layout, 3 lines of context) of two texts, from the `diff` package. */
export function unifiedDiff(oldText: string, newText: string, file: string, context = 3): string {
  if (oldText === newText) return '';
  const patch = createTwoFilesPatch(`a/${file}`, `b/${file}`, oldText, newText, undefined, undefined, { context, headerOptions: FILE_HEADERS_ONLY });
  // diff -u leaves out a line count of 1 in hunk headers ("@@ -3 +3,2 @@"); so do we, for output people know.
  return patch.replace(/^@@ -(\d+),1 /gm, '@@ -$1 ').replace(/^(@@ -\S+ \+\d+),1 @@/gm, '$1 @@');
}
