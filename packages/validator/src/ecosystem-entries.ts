import type { JsonPath } from '@ecosystem-dispatcher/core';

/**
 * A tolerant view of an ecosystem.json value: whatever has the right shape, even when
 * the schema failed elsewhere, so one run reports every problem and not only the first.
 */
export interface PatternEntry {
  /** As written, with a leading "!" for exclusions. */
  written: string;
  path: JsonPath;
}

export interface CousinView {
  path: JsonPath;
  repo: { value: string; path: JsonPath } | undefined;
  eventType: { value: string; path: JsonPath } | undefined;
  /** undefined when "subscriptions" is missing or not a list (the schema reports that). */
  patterns: PatternEntry[] | undefined;
  /** Items in the raw list, strings or not. */
  patternCount: number;
  patternsPath: JsonPath;
}

export interface EcosystemView {
  cousins: CousinView[];
  defaultEventType: { value: string; path: JsonPath } | undefined;
  globalExcludes: PatternEntry[];
}

type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringAt(object: JsonObject, key: string, base: JsonPath): { value: string; path: JsonPath } | undefined {
  const value = object[key];
  return typeof value === 'string' ? { value, path: [...base, key] } : undefined;
}

function stringsAt(list: unknown, base: JsonPath): PatternEntry[] | undefined {
  if (!Array.isArray(list)) return undefined;
  const entries: PatternEntry[] = [];
  list.forEach((item, i) => {
    if (typeof item === 'string') entries.push({ written: item, path: [...base, i] });
  });
  return entries;
}

export function viewEcosystem(value: unknown): EcosystemView {
  const object = isJsonObject(value) ? value : undefined;
  const list = Array.isArray(value) ? value : object?.cousins;
  const listPath: JsonPath = Array.isArray(value) ? [] : ['cousins'];
  const defaults = isJsonObject(object?.defaults) ? object.defaults : undefined;
  const cousins: CousinView[] = [];
  if (Array.isArray(list)) {
    list.forEach((entry, index) => {
      if (!isJsonObject(entry)) return;
      const path = [...listPath, index];
      const patternsPath = [...path, 'subscriptions'];
      cousins.push({
        path,
        repo: stringAt(entry, 'repo', path),
        eventType: stringAt(entry, 'eventType', path),
        patterns: stringsAt(entry.subscriptions, patternsPath),
        patternCount: Array.isArray(entry.subscriptions) ? entry.subscriptions.length : 0,
        patternsPath,
      });
    });
  }
  return {
    cousins,
    defaultEventType: defaults ? stringAt(defaults, 'eventType', ['defaults']) : undefined,
    globalExcludes: (defaults && stringsAt(defaults.exclude, ['defaults', 'exclude'])) ?? [],
  };
}
