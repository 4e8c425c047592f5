import {
  describeLocation,
  instancePathToJsonPath,
  relevantSchemaErrors,
  validateEcosystemFile,
  validateSubscriptionsFile,
  type JsonPath,
  type SchemaKind,
} from '@ecosystem-dispatcher/core';
import { closestMatch } from './did-you-mean.js';
import { allowedKeysAt } from './schema-keys.js';
import { pathKey, type Findings } from './findings.js';

type SchemaError = ReturnType<typeof validateEcosystemFile>['errors'][number];

/** Keywords whose failures a semantic rule reports better (repo/format, path/empty, event-type/length, method/unknown). */
const REFINED_KEYWORDS = new Set(['pattern', 'minLength', 'maxLength', 'enum']);

const ROOT_SHAPES: Record<SchemaKind, string> = {
  ecosystem: 'a list of cousins or an object with "cousins"',
  subscriptions: 'a list of paths or an object with "subscriptions"',
};

const REQUIRED_EXAMPLES: Record<string, string> = {
  repo: '"repo": "owner/name"',
  subscriptions: '"subscriptions": ["features/..."]',
  cousins: '"cousins": [{"repo": "owner/name", "subscriptions": ["features/..."]}]',
  path: '"path": "features/..."',
};

/**
 * Every schema error (Ajv allErrors), pruned of `oneOf` noise, minus those a semantic
 * rule already reported at the same value with a better message.
 */
export function checkSchema(kind: SchemaKind, value: unknown, findings: Findings): void {
  const result = kind === 'ecosystem' ? validateEcosystemFile(value) : validateSubscriptionsFile(value);
  if (result.valid) return;
  const errors = relevantSchemaErrors(result.errors).filter(
    (e) => !(REFINED_KEYWORDS.has(e.keyword) && findings.reportedPaths.has(pathKey(instancePathToJsonPath(e.instancePath)))),
  );
  const suggested = new Set<string>();
  const unknownKeys = errors.filter((e) => e.keyword === 'additionalProperties');
  for (const error of unknownKeys) {
    const suggestion = reportUnknownKey(kind, error, findings);
    if (suggestion) suggested.add(`${error.instancePath}\0${suggestion}`);
  }
  for (const error of errors) {
    const path = instancePathToJsonPath(error.instancePath);
    const location = describeLocation(path);
    if (error.keyword === 'additionalProperties') continue;
    if (error.keyword === 'required') {
      const key = String((error.params as { missingProperty?: unknown }).missingProperty);
      // `"Repo": ...` already got "did you mean repo"; saying "repo is missing" too is noise.
      if (suggested.has(`${error.instancePath}\0${key}`)) continue;
      const example = REQUIRED_EXAMPLES[key] ?? `"${key}": ...`;
      findings.report('schema/required', path, `${location} is missing ${JSON.stringify(key)}; add ${example}`);
    } else if (error.keyword === 'type') {
      findings.report('schema/type', path, describeTypeError(kind, path, String((error.params as { type?: unknown }).type), valueAt(value, path)));
    } else if (error.keyword === 'enum') {
      const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues ?? [];
      findings.report('schema/value', path, `${location} must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`);
    } else {
      findings.report('schema/value', path, `${location} ${error.message ?? 'is not allowed here'}`);
    }
  }
}

function reportUnknownKey(kind: SchemaKind, error: SchemaError, findings: Findings): string | undefined {
  const key = String((error.params as { additionalProperty?: unknown }).additionalProperty);
  const path = [...instancePathToJsonPath(error.instancePath), key];
  const allowed = allowedKeysAt(kind, path.slice(0, -1));
  const suggestion = closestMatch(key, allowed);
  const where = path.length > 1 ? ` in ${describeLocation(path.slice(0, -1))}` : '';
  const hint = suggestion ? `did you mean ${JSON.stringify(suggestion)}?` : `allowed keys: ${allowed.join(', ')}`;
  findings.report('schema/unknown-key', path, `unknown key ${JSON.stringify(key)}${where}; ${hint}`, { at: 'key' });
  return suggestion;
}

function describeTypeError(kind: SchemaKind, path: JsonPath, expected: string, actual: unknown): string {
  const found = typeName(actual);
  if (path.length === 0) return `the file must be ${ROOT_SHAPES[kind]}, not ${found}`;
  const hint = expected === 'array' && found === 'string' ? `; write it as a list: [${JSON.stringify(actual)}]` : '';
  return `${describeLocation(path)} must be ${expected}, not ${found}${hint}`;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function valueAt(value: unknown, path: JsonPath): unknown {
  let current = value;
  for (const segment of path) current = (current as Record<string | number, unknown> | undefined)?.[segment];
  return current;
}
