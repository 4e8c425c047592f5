import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { renderSchemaTypes, SCHEMA_TYPE_FILES } from '../test-support/schema-types.js';

describe('generated config types', () => {
  it.each(SCHEMA_TYPE_FILES.map((f) => [f.schema, f.output]))('%s matches src/generated/%s (run "npm run generate -w @ecosystem-dispatcher/core")', async (schema, output) => {
    const current = await readFile(new URL(`./${output}`, import.meta.url), 'utf8');
    expect(current).toBe(await renderSchemaTypes(schema));
  });
});
