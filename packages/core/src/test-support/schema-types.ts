import { readFile } from 'node:fs/promises';
import { compile } from 'json-schema-to-typescript';

export const SCHEMA_TYPE_FILES = [
  { schema: 'ecosystem.schema.json', output: 'ecosystem-file.ts' },
  { schema: 'subscriptions.schema.json', output: 'subscriptions-file.ts' },
] as const;

export async function renderSchemaTypes(schemaFile: string): Promise<string> {
  const schema = JSON.parse(await readFile(new URL(`../../schemas/${schemaFile}`, import.meta.url), 'utf8'));
  return compile(schema, schema.title, {
    bannerComment: `/* Generated from schemas/${schemaFile} by scripts/generate-types.ts. Do not edit. */`,
    additionalProperties: false,
    unreachableDefinitions: true,
    style: { singleQuote: true },
  });
}
