/** The README part create-cousin owns: re-runs replace what lies between these markers, nothing else. */
export const SECTION_START = '<!-- create-cousin:start (generated; re-run create-cousin to change) -->';
export const SECTION_END = '<!-- create-cousin:end -->';

const START_PREFIX = '<!-- create-cousin:start';

export interface ReadmeMerge {
  text: string;
  /** True when an existing section of ours would be replaced (not just added). */
  replacesSection: boolean;
}

/**
 * Puts `section` into a README: between the markers when they are there, appended
 * after a blank line when not, or as a new README titled `title` when there is none.
 */
export function mergeReadmeSection(current: string | undefined, section: string, title: string): ReadmeMerge {
  const block = `${SECTION_START}\n${section.trimEnd()}\n${SECTION_END}\n`;
  if (current === undefined) return { text: `# ${title}\n\n${block}`, replacesSection: false };
  const start = current.indexOf(START_PREFIX);
  const end = start === -1 ? -1 : current.indexOf(SECTION_END, start);
  if (start === -1 || end === -1) {
    const separator = current === '' ? '' : current.endsWith('\n\n') ? '' : current.endsWith('\n') ? '\n' : '\n\n';
    return { text: `${current}${separator}${block}`, replacesSection: false };
  }
  let after = end + SECTION_END.length;
  if (current[after] === '\n') after += 1;
  else if (current.startsWith('\r\n', after)) after += 2;
  return { text: `${current.slice(0, start)}${block}${current.slice(after)}`, replacesSection: true };
}
