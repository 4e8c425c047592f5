import type { IncomingMessage } from 'node:http';
import type { AppRegistry } from './apps.js';
import type { Principal } from './auth.js';
import type { RateLimitHeaders } from './rate-limit.js';
import type { EventBus } from './events.js';
import type { SimState } from './state.js';
import type { TokenStore } from './tokens.js';
import type { SimClock } from './clock.js';
import type { ContentRules, RecordedDispatch } from './types.js';

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Test-only switches that make handlers misbehave on purpose. */
export interface InternalOptions {
  /** Operation keys (`GET /repos/{owner}/{repo}`) whose 2xx body is replaced by `{ "wrong": true }`. */
  corruptResponses?: string[];
}

/** Everything a handler may touch. */
export interface SimCore {
  state: SimState;
  tokens: TokenStore;
  apps: AppRegistry;
  events: EventBus;
  dispatches: RecordedDispatch[];
  apiUrl: string;
  webUrl: string;
  dataDir: string;
  /** Folder of the pre-receive hook that guards `.github/workflows/` (see workflow-guard.ts). */
  hooksDir: string;
  internal: InternalOptions;
  rules: Required<ContentRules>;
  clock: SimClock;
  rateHeaders(principal: Principal): RateLimitHeaders;
}

export interface RequestContext {
  req: IncomingMessage;
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: any;
  /** Size of the request body as received, for limits the schema cannot state. */
  bodyBytes: number;
  principal: Principal;
  requestId: string;
  core: SimCore;
  /** Runs once the response has been sent (events, dispatch handlers). */
  afterResponse(task: () => void): void;
}
