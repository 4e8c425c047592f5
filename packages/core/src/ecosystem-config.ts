import { ConfigError } from './errors.js';
import { readTextFile } from './text-file.js';
import type { CousinEntry, EcosystemFile } from './generated/ecosystem-file.js';
import { JsonDocument, parseJsonDocument, type JsonPath } from './json-document.js';
import { describePathProblem, findPathProblem } from './paths.js';
import { instancePathToJsonPath, relevantSchemaErrors, validateEcosystemFile } from './schema.js';

export const DEFAULT_EVENT_TYPE = 'feature-update';

/** A cousin after defaults are applied and every path is normalised. */
export interface Cousin {
  repo: string;
  /** Subscriptions ("features") in file order: directories, exact files or globs. */
  subscriptions: string[];
  /** Exclusions (written with a leading `!`), without the `!`. */
  exclusions: string[];
  eventType: string;
  batch: boolean;
  enabled: boolean;
  /** Position of the cousin in the file's list. */
  index: number;
}

export interface EcosystemConfig {
  file: string;
  cousins: Cousin[];
  /** Globs removed from every cousin's matches (`defaults.exclude`). */
  exclude: string[];
}

/** Reads, parses and validates an ecosystem.json; every failure names file, line and column. */
export async function readEcosystemConfig(file: string): Promise<EcosystemConfig> {
  return parseEcosystemConfig(await readTextFile(file), file);
}


export function parseEcosystemConfig(text: string, file: string): EcosystemConfig {
  const document = parseJsonDocument(text, file);
  const result = validateEcosystemFile(document.value);
  if (!result.valid) {
    const [first, ...rest] = relevantSchemaErrors(result.errors);
    const path = instancePathToJsonPath(first?.instancePath ?? '');
    const more = rest.length > 0 ? ` (and ${rest.length} more; run "ecosystem lint ${file}")` : '';
    throw configError(document, path, `${describeLocation(path)} ${first?.message ?? 'is invalid'}${more}`);
  }
  return normalizeEcosystem(result.value!, document);
}

export function normalizeEcosystem(raw: EcosystemFile, document: JsonDocument): EcosystemConfig {
  const defaults = Array.isArray(raw) ? {} : (raw.defaults ?? {});
  const entries: CousinEntry[] = Array.isArray(raw) ? raw : raw.cousins;
  const listPath: JsonPath = Array.isArray(raw) ? [] : ['cousins'];
  const cousins = entries.map((entry, index): Cousin => {
    const subscriptions: string[] = [];
    const exclusions: string[] = [];
    entry.subscriptions.forEach((written, i) => {
      const exclusion = written.startsWith('!');
      const pattern = normalizePattern(exclusion ? written.slice(1) : written, document, [...listPath, index, 'subscriptions', i]);
      (exclusion ? exclusions : subscriptions).push(pattern);
    });
    return {
      repo: entry.repo,
      subscriptions,
      exclusions,
      eventType: entry.eventType ?? defaults.eventType ?? DEFAULT_EVENT_TYPE,
      batch: entry.batch ?? defaults.batch ?? true,
      enabled: entry.enabled ?? defaults.enabled ?? true,
      index,
    };
  });
  const exclude = (defaults.exclude ?? []).map((p, i) => normalizePattern(p, document, ['defaults', 'exclude', i]));
  return { file: document.file, cousins, exclude };
}

function normalizePattern(pattern: string, document: JsonDocument, path: JsonPath): string {
  const problem = findPathProblem(pattern);
  if (problem) throw configError(document, path, `subscription ${JSON.stringify(pattern)} ${describePathProblem(problem)}`);
  return pattern.endsWith('/') ? pattern.slice(0, -1) : pattern;
}

function configError(document: JsonDocument, path: JsonPath, message: string): ConfigError {
  const at = document.positionOf(path);
  return new ConfigError(message, { file: document.file, line: at.line, column: at.column });
}

/** ["cousins", 0, "repo"] → "cousins[0].repo" */
export function describeLocation(path: JsonPath): string {
  if (path.length === 0) return 'the file';
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}
