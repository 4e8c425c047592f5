import { readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';

/** Ajv options of the project's validators; the standalone code is compiled with exactly these. */
export const AJV_OPTIONS = { allErrors: true, strict: true, allowUnionTypes: true } as const;

const SCHEMAS = { ecosystem: 'ecosystem.schema.json', subscriptions: 'subscriptions.schema.json' } as const;

/**
 * Ajv "standalone" code for both schemas: the validators compiled ahead of time, so a
 * command does not load Ajv and compile the schemas on every start (about 120 ms of
 * `ecosystem lint`'s start-up). Ajv's runtime helpers are imported as ES modules.
 */
export async function renderSchemaValidators(): Promise<string> {
  const ajv = new Ajv2020({ ...AJV_OPTIONS, code: { source: true, esm: true } });
  for (const [name, file] of Object.entries(SCHEMAS)) {
    ajv.addSchema(JSON.parse(await readFile(new URL(`../../schemas/${file}`, import.meta.url), 'utf8')), name);
  }
  const code = standaloneCode.default(ajv, { ecosystem: 'ecosystem', subscriptions: 'subscriptions' });
  const imports: string[] = [];
  const body = code.replace(/const (\w+) = require\("(ajv\/dist\/runtime\/[\w-]+)"\)\.default;/g, (_, name: string, module: string) => {
    imports.push(`import ${name}Module from '${module}.js';`);
    // Node hands a CommonJS module's exports object to a default import, bundlers its `default`.
    return `const ${name} = typeof ${name}Module === 'function' ? ${name}Module : ${name}Module.default;`;
  });
  if (/require\(/.test(body)) throw new Error('Ajv standalone code still calls require(): extend renderSchemaValidators');
  return [
    '/* Generated from schemas/*.schema.json by scripts/generate-validators.ts (Ajv standalone code). Do not edit. */',
    '// @ts-nocheck',
    ...imports,
    body.replace(/^"use strict";/, ''),
    '',
  ].join('\n');
}
