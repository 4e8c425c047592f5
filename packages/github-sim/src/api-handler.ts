import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './api-error.js';
import { identify, rateIdentity, type Principal } from './auth.js';
import type { Reply, RequestContext, SimCore } from './context.js';
import { conditionalReply } from './conditional.js';
import type { ContractChecker } from './contract.js';
import type { FaultDecision, FaultInjector } from './faults.js';
import type { RateIdentity, RateLimiter } from './rate-limit.js';
import type { Router } from './router.js';
import type { RecordedRequest } from './types.js';

export const API_PREFIX = '/api/v3';

export interface Pipeline {
  core: SimCore;
  router: Router;
  faults: FaultInjector;
  limiter: RateLimiter;
  contract: ContractChecker | undefined;
  contractViolations: string[];
  requests: RecordedRequest[];
}

const STATUS_FAULT_MESSAGES: Record<number, string> = {
  500: 'Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  429: 'Too Many Requests',
};

// Calls that GitHub does not count against the primary limit.
const UNCOUNTED = new Set(['/rate_limit']);

export function newRequestId(): string {
  const hex = randomBytes(10).toString('hex').toUpperCase();
  return `${hex.slice(0, 4)}:${hex.slice(4, 8)}:${hex.slice(8, 14)}:${hex.slice(14, 20)}`;
}

export function delay(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** One REST request: faults, auth, limits, routing, contract check, recording. */
export async function handleApi(pipeline: Pipeline, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const path = url.pathname.slice(API_PREFIX.length) || '/';
  const requestId = newRequestId();
  const record: RecordedRequest = { seq: pipeline.requests.length + 1, method, path, query: url.search.replace(/^\?/, ''), status: 0, at: new Date().toISOString(), requestId };
  pipeline.requests.push(record);
  const raw = await readBody(req);
  const fault = pipeline.faults.decide(method, path, false);
  // Latency of a faulted request precedes its failure; that of a served one counts
  // as processing time, while the request holds a concurrency slot.
  if (fault.kind !== undefined) await delay(fault.latencyMs);
  if (fault.kind === 'drop') {
    record.fault = 'drop';
    res.socket?.destroy();
    return;
  }
  const headers: Record<string, string> = { 'x-github-request-id': requestId, 'x-github-media-type': 'github.v3; format=json' };
  if (typeof fault.kind === 'number') {
    record.fault = String(fault.kind);
    const extra: Record<string, string> = fault.kind === 429 ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
    const rate = pipeline.limiter.headers(quietIdentity(pipeline, req));
    return send(res, record, { status: fault.kind, body: new ApiError(fault.kind, STATUS_FAULT_MESSAGES[fault.kind]!).body(), headers: { ...headers, ...rate, ...extra } });
  }
  let principal: Principal;
  try {
    principal = identify(req.headers, pipeline.core.tokens, pipeline.core.apps);
  } catch (error) {
    return send(res, record, errorReply(error, { ...headers, ...pipeline.limiter.headers(rateIdentity({ kind: 'anonymous' }, pipeline.core.state)) }));
  }
  if (principal.login) record.login = principal.login;
  const identity = rateIdentity(principal, pipeline.core.state);
  let release: () => void;
  try {
    release = pipeline.limiter.admit(identity, { method, endpoint: endpointOf(pipeline, method, path), requestId, counts: !UNCOUNTED.has(path) });
  } catch (error) {
    record.fault = 'rate-limit';
    return send(res, record, errorReply(error, { ...headers, ...pipeline.limiter.headers(identity) }));
  }
  const after: (() => void)[] = [];
  try {
    if (fault.kind === undefined) await delay(fault.latencyMs);
    const reply = conditionalReply(method, req.headers, await route(pipeline, { req, method, path, url, raw, principal, requestId, after }));
    // GitHub: a 304 to an authorized request does not count against the primary limit.
    if (reply.status === 304 && principal.kind !== 'anonymous' && !UNCOUNTED.has(path)) pipeline.limiter.refund(identity);
    Object.assign(headers, pipeline.limiter.headers(identity));
    reply.headers = { ...headers, ...reply.headers };
    finish(res, record, reply, fault, after);
  } finally {
    release();
  }
}

interface Incoming {
  req: IncomingMessage;
  method: string;
  path: string;
  url: URL;
  raw: Buffer;
  principal: Principal;
  requestId: string;
  after: (() => void)[];
}

async function route(pipeline: Pipeline, incoming: Incoming): Promise<Reply> {
  const match = pipeline.router.match(incoming.method, incoming.path);
  if (!match || match === 'methodMismatch') return errorReply(new ApiError(404, 'Not Found'), {});
  const operation = `${incoming.method} ${match.route.template}`;
  let body: unknown;
  try {
    body = parseJson(incoming.raw);
  } catch {
    return errorReply(new ApiError(400, 'Problems parsing JSON'), {});
  }
  const ctx: RequestContext = {
    req: incoming.req,
    method: incoming.method,
    path: incoming.path,
    params: match.params,
    query: incoming.url.searchParams,
    body,
    bodyBytes: incoming.raw.length,
    principal: incoming.principal,
    requestId: incoming.requestId,
    core: pipeline.core,
    afterResponse: (task) => incoming.after.push(task),
  };
  try {
    match.route.precheck?.(ctx);
  } catch (error) {
    return errorReply(error, {});
  }
  const requestProblems = pipeline.contract?.checkRequest(incoming.method, match.route.template, body) ?? [];
  if (requestProblems.length > 0) {
    pipeline.contractViolations.push(`request body of ${operation}: ${requestProblems.join('; ')}`);
    return errorReply(new ApiError(422, `Invalid request.\n\n${requestProblems.join('\n')}`), {});
  }
  let reply: Reply;
  try {
    reply = await match.route.handler(ctx);
  } catch (error) {
    incoming.after.length = 0;
    return errorReply(error, {});
  }
  if (pipeline.core.internal.corruptResponses?.includes(operation) && reply.status < 300) reply = { ...reply, body: { wrong: true } };
  const responseProblems = pipeline.contract?.checkResponse(incoming.method, match.route.template, reply.status, reply.body) ?? [];
  if (responseProblems.length > 0) {
    const message = `response ${reply.status} of ${operation} breaks GitHub's OpenAPI description: ${responseProblems.join('; ')}`;
    pipeline.contractViolations.push(message);
    return { status: 500, body: { message: `github-sim contract violation: ${message}` } };
  }
  return reply;
}

function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  return JSON.parse(raw.toString('utf8'));
}

/** The budget a request would spend, without failing on bad credentials. */
function quietIdentity(pipeline: Pipeline, req: IncomingMessage): RateIdentity {
  let principal: Principal;
  try {
    principal = identify(req.headers, pipeline.core.tokens, pipeline.core.apps);
  } catch {
    principal = { kind: 'anonymous' };
  }
  return rateIdentity(principal, pipeline.core.state);
}

/** GitHub counts points per REST endpoint: the route template, or the raw path when none matches. */
function endpointOf(pipeline: Pipeline, method: string, path: string): string {
  const match = pipeline.router.match(method, path);
  return `${method} ${match && match !== 'methodMismatch' ? match.route.template : path}`;
}

export function errorReply(error: unknown, headers: Record<string, string>): Reply {
  if (error instanceof ApiError) return { status: error.status, body: error.body(), headers: { ...headers, ...error.headers } };
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, body: { message: `github-sim internal error: ${message}` }, headers };
}

function finish(res: ServerResponse, record: RecordedRequest, reply: Reply, fault: FaultDecision, after: (() => void)[]): void {
  const runAfter = (): void => {
    for (const task of after) task();
  };
  if (fault.kind === 'drop-after-effect') {
    record.fault = 'drop-after-effect';
    res.socket?.destroy();
    runAfter();
    return;
  }
  res.on('finish', runAfter);
  send(res, record, reply);
}

function send(res: ServerResponse, record: RecordedRequest, reply: Reply): void {
  record.status = reply.status;
  const hasBody = reply.body !== undefined && reply.status !== 204 && reply.status !== 304;
  const text = hasBody ? JSON.stringify(reply.body) : '';
  res.writeHead(reply.status, {
    ...(hasBody ? { 'content-type': 'application/json; charset=utf-8' } : {}),
    'content-length': String(Buffer.byteLength(text)),
    ...reply.headers,
  });
  res.end(text);
}
