import { repoKey, type CousinEntry } from '@ecosystem-dispatcher/core';
import { isMap, isSeq, parseDocument, type Node, type YAMLMap, type YAMLSeq } from 'yaml';

export interface CousinRegistration {
  repo: string;
  subscriptions: string[];
  /** Written only when it differs from the file's default event type. */
  eventType?: string;
}

export interface SpliceResult {
  text: string;
  change: 'added' | 'updated' | 'unchanged';
}

/**
 * Adds or updates one cousin in an ecosystem.json by splicing text at the source
 * ranges the `yaml` parser reports (JSON is YAML): every byte outside the edited
 * value stays as the user wrote it — order, spacing, key style, line endings.
 * The file must already be a valid ecosystem.json (array or object form).
 */
export function spliceCousinEntry(text: string, registration: CousinRegistration, defaultEventType = 'feature-update'): SpliceResult {
  const value = JSON.parse(text) as CousinEntry[] | { cousins: CousinEntry[] };
  const entries = Array.isArray(value) ? value : value.cousins;
  const document = parseDocument(text);
  const root = document.contents as Node;
  const list = (Array.isArray(value) ? root : (root as YAMLMap).get('cousins', true)) as YAMLSeq<Node>;
  if (!isSeq(list)) throw new Error('the cousin list is not an array');
  const style = detectStyle(text);
  const index = entries.findIndex((entry) => repoKey(entry.repo) === repoKey(registration.repo));
  if (index === -1) return { text: insertEntry(text, list, registration, style), change: 'added' };

  const existing = entries[index]!;
  const item = list.items[index] as YAMLMap;
  const edits: Edit[] = [];
  const eventType = eventTypeEdit(text, item, { written: existing.eventType, wanted: registration.eventType ?? defaultEventType, defaultEventType }, style);
  if (eventType) edits.push(eventType);
  // Exclusions the monorepo added for this cousin stay; the followed paths are the cousin's.
  const subscriptions = [...registration.subscriptions, ...existing.subscriptions.filter((s) => s.startsWith('!'))];
  if (JSON.stringify(subscriptions) !== JSON.stringify(existing.subscriptions)) {
    const node = item.get('subscriptions', true) as Node;
    const [start, end] = node.range!;
    const inline = !text.slice(start, end).includes('\n');
    edits.push({ start, end, text: renderArray(subscriptions, inline, lineIndent(text, start), style) });
  }
  if (edits.length === 0) return { text, change: 'unchanged' };
  // From the end backwards, so every offset still points where the parser said.
  const spliced = edits.sort((a, b) => b.start - a.start).reduce((result, edit) => result.slice(0, edit.start) + edit.text + result.slice(edit.end), text);
  return { text: spliced, change: 'updated' };
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * The entry's eventType follows the cousin's: replaced when written and different, added
 * after the subscriptions when the cousin listens to a type other than the file's default.
 */
function eventTypeEdit(text: string, item: YAMLMap, types: { written: string | undefined; wanted: string; defaultEventType: string }, style: Style): Edit | undefined {
  const written = item.get('eventType', true) as Node | undefined;
  if (written?.range) {
    if (types.written === types.wanted) return undefined;
    return { start: written.range[0], end: written.range[1], text: JSON.stringify(types.wanted) };
  }
  if (types.defaultEventType === types.wanted) return undefined;
  const node = item.get('subscriptions', true) as Node;
  const end = node.range![1];
  const keyStart = text.lastIndexOf('"subscriptions"', node.range![0]);
  const sameLine = !text.slice(item.range![0], keyStart).includes('\n');
  const gap = sameLine ? ' ' : `${style.newline}${lineIndent(text, keyStart)}`;
  return { start: end, end, text: `,${gap}"eventType": ${JSON.stringify(types.wanted)}` };
}

interface Style {
  /** One level of indentation, as the file uses it. */
  unit: string;
  newline: string;
  /** Between items of a one-line array: ", " or ",". */
  separator: string;
}

function detectStyle(text: string): Style {
  return {
    unit: /\n([ \t]+)["{[]/.exec(text)?.[1] ?? '  ',
    newline: text.includes('\r\n') ? '\r\n' : '\n',
    separator: /"(, ?)"/.exec(text)?.[1] ?? ', ',
  };
}

/** The leading whitespace of the line holding `offset`. */
function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

function renderArray(items: string[], inline: boolean, indent: string, style: Style): string {
  const quoted = items.map((item) => JSON.stringify(item));
  if (inline || items.length === 0) return `[${quoted.join(style.separator)}]`;
  const inner = indent + style.unit;
  return `[${style.newline}${quoted.map((q) => inner + q).join(`,${style.newline}`)}${style.newline}${indent}]`;
}

/** New entries go last, shaped like the entry before them (one-line or multi-line subscriptions). */
function insertEntry(text: string, list: YAMLSeq<Node>, registration: CousinRegistration, style: Style): string {
  const last = list.items[list.items.length - 1];
  const { newline: nl, unit } = style;
  if (!last) {
    const [start, end] = list.range!;
    const indent = lineIndent(text, start);
    const entry = renderEntry(registration, indent + unit, true, style);
    return `${text.slice(0, start)}[${nl}${indent}${unit}${entry}${nl}${indent}]${text.slice(end)}`;
  }
  const [lastStart, lastEnd] = last.range!;
  const indent = lineIndent(text, lastStart);
  const previousSubscriptions = isMap(last) ? (last.get('subscriptions', true) as Node | undefined) : undefined;
  const inline = previousSubscriptions?.range ? !text.slice(previousSubscriptions.range[0], previousSubscriptions.range[1]).includes('\n') : true;
  const sameLine = !text.slice(list.range![0], lastStart).includes('\n');
  const gap = sameLine ? ' ' : `${nl}${indent}`;
  return `${text.slice(0, lastEnd)},${gap}${renderEntry(registration, indent, inline, style)}${text.slice(lastEnd)}`;
}

function renderEntry(registration: CousinRegistration, indent: string, inlineArray: boolean, style: Style): string {
  const { newline: nl, unit } = style;
  const inner = indent + unit;
  const subscriptions = renderArray(registration.subscriptions, inlineArray, inner, style);
  const eventType = registration.eventType === undefined ? '' : `,${nl}${inner}"eventType": ${JSON.stringify(registration.eventType)}`;
  return `{${nl}${inner}"repo": ${JSON.stringify(registration.repo)},${nl}${inner}"subscriptions": ${subscriptions}${eventType}${nl}${indent}}`;
}
