import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { schemaValidator } from '../schema.js';
import { renderSchemaTypes, SCHEMA_TYPE_FILES } from '../test-support/schema-types.js';
import { AJV_OPTIONS, renderSchemaValidators } from '../test-support/schema-validators.js';

describe('generated config types', () => {
  it.each(SCHEMA_TYPE_FILES.map((f) => [f.schema, f.output]))('%s matches src/generated/%s (run "npm run generate -w @ecosystem-dispatcher/core")', async (schema, output) => {
    const current = await readFile(new URL(`./${output}`, import.meta.url), 'utf8');
    expect(current).toBe(await renderSchemaTypes(schema));
  });
});

describe('generated schema validators', () => {
  it('match src/generated/schema-validators.ts (run "npm run generate -w @ecosystem-dispatcher/core")', async () => {
    const current = await readFile(new URL('./schema-validators.ts', import.meta.url), 'utf8');
    expect(current).toBe(await renderSchemaValidators());
  });

  it('report what Ajv compiled at run time reports, all errors included', async () => {
    const { Ajv2020 } = await import('ajv/dist/2020.js');
    const ajv = new Ajv2020(AJV_OPTIONS);
    const samples = {
      ecosystem: [
        [{ repo: 'a/b', subscriptions: ['x'] }],
        [{ Repo: 'a/b', subscriptions: [''], batch: 'no' }, 5],
        { cousins: [{ repo: 'https://x', subscriptions: 'y' }], defaults: { eventType: 'x'.repeat(101) }, extra: 1 },
      ],
      subscriptions: [
        ['features/x'],
        { upstream: 'a/b', method: 'zip', subscriptions: { 'features/x': { to: '', metod: 1 } }, maxAgeDays: 0 },
        { subscriptions: [{ path: 'x', too: 'y' }, 42], pullRequest: { labels: 'sync' } },
      ],
    };
    for (const kind of ['ecosystem', 'subscriptions'] as const) {
      const runtime = ajv.compile(JSON.parse(await readFile(new URL(`../../schemas/${kind}.schema.json`, import.meta.url), 'utf8')));
      for (const sample of samples[kind]) {
        const compiled = schemaValidator(kind);
        expect(compiled(sample)).toBe(runtime(sample));
        expect(compiled.errors ?? null).toEqual(runtime.errors ?? null);
      }
    }
  });
});
