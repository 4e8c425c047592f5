import { loadSchema, type JsonPath, type SchemaKind } from '@ecosystem-dispatcher/core';

type SchemaNode = Record<string, unknown>;

const schemas = new Map<SchemaKind, SchemaNode>();

function schemaOf(kind: SchemaKind): SchemaNode {
  let schema = schemas.get(kind);
  if (!schema) schemas.set(kind, (schema = loadSchema(kind)));
  return schema;
}

/** A node with its `$ref` followed and its `oneOf`/`anyOf`/`allOf` branches spread out. */
function expand(root: SchemaNode, node: unknown): SchemaNode[] {
  if (typeof node !== 'object' || node === null) return [];
  const schema = node as SchemaNode;
  if (typeof schema.$ref === 'string' && schema.$ref.startsWith('#/')) {
    const target = schema.$ref
      .slice(2)
      .split('/')
      .reduce<unknown>((at, segment) => (at as SchemaNode | undefined)?.[segment], root);
    return expand(root, target);
  }
  const branches = ['oneOf', 'anyOf', 'allOf'].flatMap((k) => (Array.isArray(schema[k]) ? (schema[k] as unknown[]) : []));
  return branches.length > 0 ? branches.flatMap((branch) => expand(root, branch)) : [schema];
}

function childSchemas(node: SchemaNode, segment: string | number): unknown[] {
  if (typeof segment === 'number') return node.items === undefined ? [] : [node.items];
  const properties = node.properties as SchemaNode | undefined;
  if (properties && Object.hasOwn(properties, segment)) return [properties[segment]];
  return typeof node.additionalProperties === 'object' ? [node.additionalProperties] : [];
}

/**
 * The keys the schema allows at an instance location. Ajv's schemaPath is relative to the
 * `$ref`'d definition, so the schema is walked along the instance path instead.
 */
export function allowedKeysAt(kind: SchemaKind, path: JsonPath): string[] {
  const root = schemaOf(kind);
  let nodes = expand(root, root);
  for (const segment of path) nodes = nodes.flatMap((node) => childSchemas(node, segment).flatMap((child) => expand(root, child)));
  const keys = nodes.filter((node) => node.additionalProperties === false).flatMap((node) => Object.keys((node.properties as SchemaNode | undefined) ?? {}));
  return [...new Set(keys)];
}
