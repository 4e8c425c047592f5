import type { RequestContext, Reply } from './context.js';

export type Handler = (ctx: RequestContext) => Promise<Reply> | Reply;

export interface Route {
  method: string;
  /** GitHub's OpenAPI path template, used for the contract check. */
  template: string;
  pattern: RegExp;
  names: string[];
  handler: Handler;
  /**
   * Checks that run before the OpenAPI check of the request body, where GitHub answers a
   * body the schema also forbids with its own wording (dispatch's 10 payload keys).
   */
  precheck?: (ctx: RequestContext) => void;
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/**
 * `{name}` matches one path segment; `{name+}` matches the rest, slashes included
 * (refs like `heads/feature/x`, content paths, `base...head`).
 */
export function defineRoute(method: string, path: string, handler: Handler, template?: string): Route {
  const names: string[] = [];
  const source = path
    .split(/(\{[a-z_]+\+?\})/)
    .map((part) => {
      const param = /^\{([a-z_]+)(\+?)\}$/.exec(part);
      if (!param) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(param[1]!);
      return param[2] ? '(.+)' : '([^/]+)';
    })
    .join('');
  return {
    method,
    template: template ?? path.replace(/\+\}/g, '}'),
    pattern: new RegExp(`^${source}$`),
    names,
    handler,
  };
}

export class Router {
  private readonly routes: Route[] = [];

  add(...routes: Route[]): void {
    this.routes.push(...routes);
  }

  /** Returns the match, or `methodMismatch` when the path exists under another method. */
  match(method: string, path: string): RouteMatch | 'methodMismatch' | undefined {
    let pathExists = false;
    for (const route of this.routes) {
      const found = route.pattern.exec(path);
      if (!found) continue;
      pathExists = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, index) => {
        params[name] = decodeURIComponent(found[index + 1]!);
      });
      return { route, params };
    }
    return pathExists ? 'methodMismatch' : undefined;
  }
}
