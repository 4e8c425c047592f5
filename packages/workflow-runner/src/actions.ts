/** What a local stand-in for a `uses:` action (or a replaced `run:` step) can see and do. */
export interface ActionContext {
  /** The step's `with:`, evaluated, as strings (like INPUT_* on a runner). */
  inputs: Record<string, string>;
  /** The environment the step would get (runner env, workflow/job/step env, GITHUB_*). */
  env: Record<string, string>;
  github: Record<string, unknown>;
  workspace: string;
  runnerTemp: string;
  setOutput(name: string, value: string): void;
  addPath(dir: string): void;
  exportVariable(name: string, value: string): void;
  log(line: string): void;
}

export type ActionHandler = (context: ActionContext) => Promise<void>;

/** Local equivalents keyed by action name without the ref (`actions/checkout`). */
export type ActionMap = Record<string, ActionHandler>;

/** `owner/repo[/path]@ref` → `owner/repo[/path]`. */
export function actionName(uses: string): string {
  const at = uses.lastIndexOf('@');
  return (at < 0 ? uses : uses.slice(0, at)).toLowerCase();
}
