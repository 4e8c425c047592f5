// Generates src/generated/schema-validators.ts: the JSON Schema validators compiled ahead of time.
// Run with `npm run generate -w @ecosystem-dispatcher/core`; a test fails when the output is stale.
import { writeFile } from 'node:fs/promises';
import { renderSchemaValidators } from '../src/test-support/schema-validators.js';

await writeFile(new URL('../src/generated/schema-validators.ts', import.meta.url), await renderSchemaValidators());
