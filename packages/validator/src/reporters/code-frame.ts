import { styleText } from 'node:util';

/** Colours of the pretty reporter; identity functions when colour is off. */
export interface Paint {
  red(text: string): string;
  yellow(text: string): string;
  bold(text: string): string;
  dim(text: string): string;
}

// The caller has already decided (NO_COLOR, FORCE_COLOR, a terminal): styleText must not judge the stream again.
const style = (format: Parameters<typeof styleText>[0]) => (text: string) => styleText(format, text, { validateStream: false });

export const COLORS: Paint = { red: style('red'), yellow: style('yellow'), bold: style('bold'), dim: style('dim') };
export const NO_COLORS: Paint = { red: (t) => t, yellow: (t) => t, bold: (t) => t, dim: (t) => t };

/** Lines longer than this are shown as a window around the column (minified JSON is one long line). */
const WINDOW = 100;

export interface FrameTarget {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/**
 * The offending line with one line of context either side and a caret under the value,
 * like a compiler's code frame.
 */
export function codeFrame(source: string, target: FrameTarget, paint: Paint): string {
  const lines = source.split(/\r?\n/);
  const first = Math.max(1, target.line - 1);
  const last = Math.min(lines.length, target.line + 1);
  const width = String(last).length;
  const output: string[] = [];
  for (let n = first; n <= last; n++) {
    const { text, shift } = windowed(lines[n - 1] ?? '', n === target.line ? target.column : 1);
    const gutter = `${n === target.line ? '>' : ' '} ${String(n).padStart(width)} |`;
    output.push(`${n === target.line ? paint.bold(gutter) : paint.dim(gutter)}${text ? ` ${text}` : ''}`);
    if (n !== target.line) continue;
    const start = Math.max(0, target.column - 1 - shift);
    const sameLine = target.endLine === undefined || target.endLine === target.line;
    const length = sameLine && target.endColumn !== undefined ? Math.max(1, target.endColumn - target.column) : 1;
    // Keep tabs so the caret lines up under tab-indented text.
    const pad = text.slice(0, start).replace(/[^\t]/g, ' ');
    output.push(`  ${' '.repeat(width)} ${paint.dim('|')} ${pad}${paint.red('^'.repeat(Math.min(length, Math.max(1, text.length - start))))}`);
  }
  return output.join('\n');
}

function windowed(line: string, column: number): { text: string; shift: number } {
  if (line.length <= WINDOW) return { text: line, shift: 0 };
  const start = Math.max(0, Math.min(column - 1 - WINDOW / 2, line.length - WINDOW));
  const head = start > 0 ? '…' : '';
  const tail = start + WINDOW < line.length ? '…' : '';
  return { text: `${head}${line.slice(start, start + WINDOW)}${tail}`, shift: start - head.length };
}
