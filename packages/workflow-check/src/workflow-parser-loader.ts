import { register } from 'node:module';

type WorkflowParserModule = typeof import('@actions/workflow-parser');

/**
 * `@actions/workflow-parser` imports its JSON schema without an import
 * attribute (`import schema from "./workflow-v1.0.min.json"`), which Node's ESM
 * loader refuses (ERR_IMPORT_ASSERTION_TYPE_MISSING on Node 20, 22 and later).
 * A load hook supplies `{ type: 'json' }` for that package's JSON files only,
 * before the package is first imported. The hook is a data: URL so it survives
 * bundling of this module; a bundler that inlines the parser makes it moot.
 */
const JSON_ATTRIBUTE_HOOK = `
export async function load(url, context, nextLoad) {
  if (url.endsWith('.json') && url.includes('/@actions/workflow-parser/') && !context.importAttributes?.type) {
    return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } });
  }
  return nextLoad(url, context);
}`;

let loading: Promise<WorkflowParserModule> | undefined;

export function loadWorkflowParser(): Promise<WorkflowParserModule> {
  loading ??= importWithHook();
  return loading;
}

async function importWithHook(): Promise<WorkflowParserModule> {
  register(`data:text/javascript,${encodeURIComponent(JSON_ATTRIBUTE_HOOK)}`);
  return import('@actions/workflow-parser');
}
