import { globFeatureDepth, isGlobPattern, patternSegments, repoKey, subscriptionTest, type CousinEntry } from '@ecosystem-dispatcher/core';
import { applyEdits, findNodeAtLocation, modify, parseTree, type Edit, type Node } from 'jsonc-parser';

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
 * Adds or updates one cousin in an ecosystem.json. jsonc-parser's syntax tree says where
 * each value sits and applyEdits splices the new text in: every byte outside the edited
 * value stays as the user wrote it — order, spacing, key style, line endings. (jsonc-parser's
 * own formatter would re-indent whole lines and unfold one-line lists, so the new text
 * follows the file's style here.) The file must already be a valid ecosystem.json.
 */
export function spliceCousinEntry(text: string, registration: CousinRegistration, defaultEventType = 'feature-update'): SpliceResult {
  const value = JSON.parse(text) as CousinEntry[] | { cousins: CousinEntry[] };
  const entries = Array.isArray(value) ? value : value.cousins;
  const listPath = Array.isArray(value) ? [] : ['cousins'];
  const list = findNodeAtLocation(parseTree(text)!, listPath);
  if (list?.type !== 'array') throw new Error('the cousin list is not an array');
  const style = detectStyle(text);
  const index = entries.findIndex((entry) => repoKey(entry.repo) === repoKey(registration.repo));
  if (index === -1) return { text: applyEdits(text, [insertEntry(text, list, registration, style)]), change: 'added' };

  const existing = entries[index]!;
  const entry = list.children![index]!;
  const edits: Edit[] = [];
  const wanted = registration.eventType ?? defaultEventType;
  if (existing.eventType !== undefined && existing.eventType !== wanted) edits.push(...modify(text, [...listPath, index, 'eventType'], wanted, {}));
  else if (existing.eventType === undefined && wanted !== defaultEventType) edits.push(addEventType(text, entry, wanted, style));
  const subscriptions = mergeSubscriptions(existing.subscriptions, registration.subscriptions);
  if (JSON.stringify(subscriptions) !== JSON.stringify(existing.subscriptions)) {
    const node = findNodeAtLocation(entry, ['subscriptions'])!;
    const inline = !text.slice(node.offset, node.offset + node.length).includes('\n');
    edits.push({ offset: node.offset, length: node.length, content: renderArray(subscriptions, inline, lineIndent(text, node.offset), style) });
  }
  if (edits.length === 0) return { text, change: 'unchanged' };
  return { text: applyEdits(text, edits), change: 'updated' };
}

/**
 * The entry's subscriptions once this cousin's features are registered. What the monorepo
 * wrote to route them stays: globs as written (a dispatch sends each the concrete folders
 * it selects) and exclusions. Folders and files the cousin no longer follows go; each
 * feature it follows that nothing routes yet is added, before the exclusions.
 */
export function mergeSubscriptions(written: readonly string[], followed: readonly string[]): string[] {
  const globs = written.filter((s) => isGlobPattern(s) && !s.startsWith('!'));
  const kept = written.filter((s) => s.startsWith('!') || isGlobPattern(s) || followed.includes(s));
  const added = followed.filter((feature) => !kept.includes(feature) && !globs.some((glob) => globSends(glob, feature)));
  const at = kept.findLastIndex((s) => !s.startsWith('!')) + 1;
  return [...kept.slice(0, at), ...added, ...kept.slice(at)];
}

/** Whether a dispatch for this glob can name `feature`: as deep as the glob's folder part, and matched by it. */
function globSends(glob: string, feature: string): boolean {
  const depth = globFeatureDepth(glob);
  const folderPart = patternSegments(glob).slice(0, depth).join('/');
  return feature.split('/').length === depth && subscriptionTest(folderPart)(feature);
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

/** `"eventType"` after the subscriptions, on their line's indentation (or the same line for a one-line entry). */
function addEventType(text: string, entry: Node, eventType: string, style: Style): Edit {
  const property = findNodeAtLocation(entry, ['subscriptions'])!.parent!;
  const sameLine = !text.slice(entry.offset, property.offset).includes('\n');
  const gap = sameLine ? ' ' : `${style.newline}${lineIndent(text, property.offset)}`;
  return { offset: property.offset + property.length, length: 0, content: `,${gap}"eventType": ${JSON.stringify(eventType)}` };
}

function renderArray(items: readonly string[], inline: boolean, indent: string, style: Style): string {
  const quoted = items.map((item) => JSON.stringify(item));
  if (inline || items.length === 0) return `[${quoted.join(style.separator)}]`;
  const inner = indent + style.unit;
  return `[${style.newline}${quoted.map((q) => inner + q).join(`,${style.newline}`)}${style.newline}${indent}]`;
}

/** New entries go last, shaped like the entry before them (one-line or multi-line subscriptions). */
function insertEntry(text: string, list: Node, registration: CousinRegistration, style: Style): Edit {
  const last = list.children?.[list.children.length - 1];
  const { newline: nl, unit } = style;
  if (!last) {
    const indent = lineIndent(text, list.offset);
    const entry = renderEntry(registration, indent + unit, true, style);
    return { offset: list.offset, length: list.length, content: `[${nl}${indent}${unit}${entry}${nl}${indent}]` };
  }
  const indent = lineIndent(text, last.offset);
  const previous = findNodeAtLocation(last, ['subscriptions']);
  const inline = previous ? !text.slice(previous.offset, previous.offset + previous.length).includes('\n') : true;
  const gap = text.slice(list.offset, last.offset).includes('\n') ? `${nl}${indent}` : ' ';
  return { offset: last.offset + last.length, length: 0, content: `,${gap}${renderEntry(registration, indent, inline, style)}` };
}

function renderEntry(registration: CousinRegistration, indent: string, inlineArray: boolean, style: Style): string {
  const { newline: nl, unit } = style;
  const inner = indent + unit;
  const subscriptions = renderArray(registration.subscriptions, inlineArray, inner, style);
  const eventType = registration.eventType === undefined ? '' : `,${nl}${inner}"eventType": ${JSON.stringify(registration.eventType)}`;
  return `{${nl}${inner}"repo": ${JSON.stringify(registration.repo)},${nl}${inner}"subscriptions": ${subscriptions}${eventType}${nl}${indent}}`;
}
