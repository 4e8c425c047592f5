import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

const SPEC_FILE = '@octokit/openapi/generated/api.github.com.json';

type Json = Record<string, any>;

let specCache: Json | undefined;

export function resolveSpecPath(): string {
  return createRequire(import.meta.url).resolve(SPEC_FILE);
}

/** GitHub's REST description, parsed once per process (13 MB). */
function loadSpec(): Json {
  specCache ??= JSON.parse(readFileSync(resolveSpecPath(), 'utf8')) as Json;
  return specCache;
}

function newAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateSchema: false });
  addFormats(ajv);
  // OpenAPI formats with no JSON Schema meaning; types already constrain them.
  for (const name of ['int64', 'int32', 'double', 'repo.nwo', 'binary', 'timestamp']) ajv.addFormat(name, true);
  return ajv;
}

/**
 * Validates request bodies and responses against the operation GitHub documents
 * for (method, path template). Validators are compiled on first use and cached:
 * each compiles only the components its schema reaches, never the whole file.
 */
export class ContractChecker {
  private readonly ajv = newAjv();
  private readonly validators = new Map<string, ValidateFunction | null>();

  /** Problems with a request body, or [] when it conforms (or the operation takes none). */
  checkRequest(method: string, template: string, body: unknown): string[] {
    const operation = this.operation(method, template);
    if (!operation) return [`${method} ${template} is not an operation of GitHub's REST API`];
    const schema = operation.requestBody?.content?.['application/json']?.schema;
    if (!schema) return [];
    const validate = this.validator(`req ${method} ${template}`, schema);
    if (body === undefined) return operation.requestBody?.required ? ['a JSON body is required'] : [];
    return validate && !validate(body) ? describe(validate) : [];
  }

  /** Problems with a response; undocumented error statuses are not checked. */
  checkResponse(method: string, template: string, status: number, body: unknown): string[] {
    const operation = this.operation(method, template);
    if (!operation) return [`${method} ${template} is not an operation of GitHub's REST API`];
    const response = this.deref(operation.responses?.[String(status)]);
    if (!response) return status < 300 ? [`status ${status} is not documented for ${method} ${template}`] : [];
    const schema = response.content?.['application/json']?.schema ?? firstContentSchema(response.content);
    if (!schema) return body === undefined || body === '' ? [] : [`status ${status} of ${method} ${template} has no body, but the sim sent one`];
    const validate = this.validator(`res ${method} ${template} ${status}`, schema);
    return validate && !validate(body) ? describe(validate) : [];
  }

  private operation(method: string, template: string): Json | undefined {
    return loadSpec().paths?.[template]?.[method.toLowerCase()];
  }

  private deref(value: Json | undefined): Json | undefined {
    let current = value;
    while (current?.$ref) current = pointer(loadSpec(), current.$ref);
    return current;
  }

  private validator(key: string, schema: Json): ValidateFunction | null {
    if (!this.validators.has(key)) this.validators.set(key, this.ajv.compile(standalone(schema)));
    return this.validators.get(key) ?? null;
  }
}

function firstContentSchema(content: Json | undefined): Json | undefined {
  if (!content) return undefined;
  const first = Object.values(content)[0] as Json | undefined;
  return first?.schema;
}

function describe(validate: ValidateFunction): string[] {
  return (validate.errors ?? []).slice(0, 8).map((error) => `${error.instancePath || '(root)'} ${error.message ?? 'is invalid'}${error.params ? ` ${JSON.stringify(error.params)}` : ''}`);
}

function pointer(root: Json, ref: string): Json | undefined {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<any>((node, part) => node?.[part], root);
}

/** The schema plus every component it reaches, with OpenAPI `nullable` made JSON Schema. */
function standalone(schema: Json): Json {
  const spec = loadSpec();
  const collected: Json = {};
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && !(value in collected)) {
        collected[value] = true;
        visit(pointer(spec, value));
      } else visit(value);
    }
  };
  visit(schema);
  const components: Json = {};
  for (const ref of Object.keys(collected)) {
    const parts = ref.slice(2).split('/');
    let target = components;
    for (const part of parts.slice(0, -1)) target = target[part] ??= {};
    target[parts.at(-1)!] = toJsonSchema(pointer(spec, ref));
  }
  return { allOf: [toJsonSchema(schema)], ...components };
}

/** OpenAPI 3.0 `nullable: true` → `anyOf: [{type: 'null'}, …]`; ajv only knows it next to `type`. */
function toJsonSchema(node: any): any {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const copy: Json = {};
  for (const [key, value] of Object.entries(node)) {
    copy[key] = key === 'properties' || key === 'patternProperties' ? mapValues(value as Json, toJsonSchema) : key === 'example' || key === 'examples' ? undefined : toJsonSchema(value);
  }
  for (const key of Object.keys(copy)) if (copy[key] === undefined) delete copy[key];
  if (copy.nullable === true) {
    delete copy.nullable;
    return { anyOf: [{ type: 'null' }, copy] };
  }
  return copy;
}

function mapValues(object: Json, fn: (value: any) => any): Json {
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, fn(value)]));
}
