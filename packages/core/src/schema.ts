import { readFileSync } from 'node:fs';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import * as compiledValidators from './generated/schema-validators.js';
import type { EcosystemFile } from './generated/ecosystem-file.js';
import type { SubscriptionsFile } from './generated/subscriptions-file.js';

export type SchemaKind = 'ecosystem' | 'subscriptions';

const SCHEMA_FILES: Record<SchemaKind, string> = {
  ecosystem: 'ecosystem.schema.json',
  subscriptions: 'subscriptions.schema.json',
};

/** Where the published schemas live; `$schema` lines in user files point here. */
export const SCHEMA_URLS: Record<SchemaKind, string> = {
  ecosystem: 'https://unpkg.com/@ecosystem-dispatcher/core/schemas/ecosystem.schema.json',
  subscriptions: 'https://unpkg.com/@ecosystem-dispatcher/core/schemas/subscriptions.schema.json',
};

export function loadSchema(kind: SchemaKind): Record<string, unknown> {
  // The schemas folder sits beside src/ and dist/, so one relative URL serves both.
  return JSON.parse(readFileSync(new URL(`../schemas/${SCHEMA_FILES[kind]}`, import.meta.url), 'utf8'));
}

/**
 * The validators, compiled ahead of time from the schemas (Ajv standalone code, options
 * allErrors/strict/allowUnionTypes): loading Ajv and compiling at start-up cost every
 * command about 120 ms. `npm run generate` rebuilds them; a test fails when they are stale.
 */
export function schemaValidator(kind: SchemaKind): ValidateFunction {
  return compiledValidators[kind] as unknown as ValidateFunction;
}

export interface SchemaResult<T> {
  valid: boolean;
  value: T | undefined;
  errors: ErrorObject[];
}

export function validateEcosystemFile(value: unknown): SchemaResult<EcosystemFile> {
  return run<EcosystemFile>('ecosystem', value);
}

export function validateSubscriptionsFile(value: unknown): SchemaResult<SubscriptionsFile> {
  return run<SubscriptionsFile>('subscriptions', value);
}

function run<T>(kind: SchemaKind, value: unknown): SchemaResult<T> {
  const validate = schemaValidator(kind);
  const valid = validate(value) as boolean;
  return { valid, value: valid ? (value as T) : undefined, errors: valid ? [] : [...(validate.errors ?? [])] };
}

/** "/cousins/0/repo" → ["cousins", 0, "repo"] */
export function instancePathToJsonPath(instancePath: string): Array<string | number> {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/**
 * Ajv reports every failed branch of a `oneOf`; a user only cares about the branch their
 * value was meant for. Drops the `oneOf` summaries, drops "must be <type>" at a path when
 * something deeper (or more specific at the same path) failed, and folds the remaining
 * type errors of one path into one ("must be string or object").
 */
export function relevantSchemaErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const specific = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'type');
  const isShadowed = (path: string) =>
    errors.some((e) => e.instancePath.startsWith(`${path}/`)) || specific.some((e) => e.instancePath === path);
  const kept = specific;
  const typeErrors = new Map<string, ErrorObject>();
  for (const error of errors) {
    if (error.keyword !== 'type' || isShadowed(error.instancePath)) continue;
    const previous = typeErrors.get(error.instancePath);
    const type = String((error.params as { type?: unknown }).type);
    if (previous) {
      const types = `${String((previous.params as { type?: unknown }).type)} or ${type}`;
      typeErrors.set(error.instancePath, { ...previous, params: { type: types }, message: `must be ${types}` });
    } else typeErrors.set(error.instancePath, error);
  }
  const kinds = [...kept, ...typeErrors.values()];
  if (kinds.length > 0) return kinds;
  return errors.filter((e) => e.keyword === 'oneOf').slice(0, 1);
}

