// Generates src/generated/*.ts from the JSON Schemas, so config types are never written twice.
// Run with `npm run generate -w @ecosystem-dispatcher/core`; a test fails when the output is stale.
import { writeFile } from 'node:fs/promises';
import { renderSchemaTypes, SCHEMA_TYPE_FILES } from '../src/test-support/schema-types.js';

for (const entry of SCHEMA_TYPE_FILES) {
  await writeFile(new URL(`../src/generated/${entry.output}`, import.meta.url), await renderSchemaTypes(entry.schema));
}
