import { parse as parseYaml } from 'yaml';

/** What one workflow file says about repository_dispatch. */
export type DispatchListener =
  | { kind: 'none' }
  | { kind: 'unparsable'; reason: string }
  /** `types` undefined: every event type starts it. */
  | { kind: 'listens'; types: string[] | undefined };

/** Reads a workflow's `on:` the way GitHub does: a string, a list, or a map whose `repository_dispatch.types` filters. */
export function dispatchListenerOf(text: string): DispatchListener {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    return { kind: 'unparsable', reason: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
  }
  const on = (doc as { on?: unknown } | null)?.on;
  if (on === 'repository_dispatch' || (Array.isArray(on) && on.includes('repository_dispatch'))) return { kind: 'listens', types: undefined };
  if (!on || typeof on !== 'object' || Array.isArray(on) || !('repository_dispatch' in on)) return { kind: 'none' };
  const types = ((on as Record<string, unknown>).repository_dispatch as { types?: unknown } | null)?.types;
  if (types === undefined || types === null) return { kind: 'listens', types: undefined };
  return { kind: 'listens', types: (Array.isArray(types) ? types : [types]).map(String) };
}

export interface WorkflowFile {
  path: string;
  text: string;
}

/** The workflow finding for one cousin, or undefined when a workflow starts on `eventType`. */
export function workflowProblem(files: readonly WorkflowFile[], eventType: string, branch: string): { problem: string; fix: string } | undefined {
  const listeners = files.map((file) => ({ file, listener: dispatchListenerOf(file.text) }));
  if (listeners.some(({ listener }) => listener.kind === 'listens' && (listener.types === undefined || listener.types.includes(eventType)))) return undefined;
  const others = listeners.filter(({ listener }) => listener.kind === 'listens');
  if (others.length > 0) {
    const { file, listener } = others[0]!;
    const types = listener.kind === 'listens' ? (listener.types ?? []).join(', ') : '';
    return {
      problem: `${file.path} listens to repository_dispatch types [${types}], but the monorepo sends "${eventType}"`,
      fix: `add "${eventType}" to its repository_dispatch types (or set this cousin's eventType in ecosystem.json to one it listens to)`,
    };
  }
  const broken = listeners.find(({ listener }) => listener.kind === 'unparsable');
  if (broken && broken.listener.kind === 'unparsable') {
    return { problem: `${broken.file.path} is not valid YAML (${broken.listener.reason}), so GitHub starts nothing from it`, fix: `fix the YAML of ${broken.file.path} on ${branch}` };
  }
  return {
    problem: `no workflow on ${branch} listens to repository_dispatch, so every dispatch is answered 204 and nothing runs`,
    fix: `run "npx create-cousin" in the cousin and merge its .github/workflows/sync-upstream.yml into ${branch}`,
  };
}
