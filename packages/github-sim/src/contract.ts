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
  try {
    return createRequire(import.meta.url).resolve(SPEC_FILE);
  } catch {
    throw new Error(`the contract check needs GitHub's OpenAPI description (${SPEC_FILE}): install @octokit/openapi or start the sim with contractCheck: false`);
  }
}

/** GitHub's REST description, parsed once per process (13 MB). */
function loadSpec(): Json {
  specCache ??= correctKnownGaps(JSON.parse(readFileSync(resolveSpecPath(), 'utf8')) as Json);
  return specCache;
}

/**
 * Places where GitHub's description is stricter than GitHub itself, so a faithful answer
 * would fail the check. Each is the same field described correctly elsewhere in the file.
 * - `pull-request-simple` (pull lists) says a label's `description` is a string, but a label
 *   created without one comes back `null`, as `pull-request` (one pull) documents.
 */
export function correctKnownGaps(spec: Json): Json {
  const label = spec.components?.schemas?.['pull-request-simple']?.properties?.labels?.items?.properties;
  if (label?.description && !label.description.nullable) label.description = { ...label.description, nullable: true };
  return spec;
}

function newAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: false, inlineRefs: false, logger: false, validateSchema: false });
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
  private readonly components = new Set<string>();

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
    if (!this.validators.has(key)) {
      registerComponents(this.ajv, schema, this.components);
      this.validators.set(key, this.ajv.compile(toJsonSchema(schema)));
    }
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

const COMPONENT_PREFIX = '#/components/schemas/';
const COMPONENT_BASE = 'https://github-sim.invalid/schemas/';

/**
 * Components become separate ajv schemas with their own `$id`, added once per
 * checker: `pull-request` is compiled a single time however many operations use it.
 */
function registerComponents(ajv: Ajv, schema: Json, added: Set<string>): void {
  const spec = loadSpec();
  const pending = [schema];
  while (pending.length > 0) {
    const node = pending.pop();
    walkRefs(node, (ref) => {
      if (!ref.startsWith(COMPONENT_PREFIX)) throw new Error(`unexpected $ref ${ref} in GitHub's description`);
      const name = ref.slice(COMPONENT_PREFIX.length);
      if (added.has(name)) return;
      added.add(name);
      const component = spec.components.schemas[name];
      ajv.addSchema({ ...toJsonSchema(component), $id: COMPONENT_BASE + name });
      pending.push(component);
    });
  }
}

function walkRefs(node: unknown, onRef: (ref: string) => void): void {
  if (Array.isArray(node)) return node.forEach((item) => walkRefs(item, onRef));
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') onRef(value);
    else walkRefs(value, onRef);
  }
}

/** OpenAPI 3.0 `nullable: true` → `anyOf: [{type: 'null'}, …]`; ajv only knows it next to `type`. */
function toJsonSchema(node: any): any {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const copy: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') {
      copy[key] = value.replace(COMPONENT_PREFIX, COMPONENT_BASE);
      continue;
    }
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
