import { validationFailed } from '../api-error.js';
import type { RequestContext } from '../context.js';
import { defineRoute, type Route } from '../router.js';
import type { RecordedDispatch } from '../types.js';
import { startDispatchRuns } from '../workflow-runs.js';
import { actorLogin, repoFromParams } from './access.js';

// Limits GitHub enforces but its OpenAPI description only states in prose.
const MAX_EVENT_TYPE = 100;
const MAX_PAYLOAD_KEYS = 10;
const MAX_BODY_BYTES = 64 * 1024;

function checkDispatch(ctx: RequestContext): { event_type: string; client_payload: Record<string, unknown> } {
  const body = (ctx.body ?? {}) as { event_type?: unknown; client_payload?: unknown };
  if (ctx.bodyBytes >= MAX_BODY_BYTES) throw validationFailed('client_payload is too large: the request body must be smaller than 64 KB');
  if (typeof body.event_type !== 'string' || body.event_type.length === 0) {
    throw validationFailed('Invalid request.\n\n"event_type" wasn\'t supplied.', [{ resource: 'Repository', field: 'event_type', code: 'missing_field' }]);
  }
  if (body.event_type.length > MAX_EVENT_TYPE) {
    throw validationFailed('event_type is too long (maximum is 100 characters)', [{ resource: 'Repository', field: 'event_type', code: 'invalid' }]);
  }
  const payload = body.client_payload ?? {};
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw validationFailed('Invalid request.\n\nFor \'properties/client_payload\', it is not an object.');
  }
  if (Object.keys(payload).length > MAX_PAYLOAD_KEYS) {
    // The wording of GitHub's answer, as quoted in public issues (e.g. prowler-cloud/prowler#12370).
    throw validationFailed(`No more than ${MAX_PAYLOAD_KEYS} properties are allowed; ${Object.keys(payload).length} were supplied.`);
  }
  return { event_type: body.event_type, client_payload: payload as Record<string, unknown> };
}

function createDispatch(ctx: RequestContext) {
  const repo = repoFromParams(ctx, 'contents', 'write');
  const { event_type, client_payload } = checkDispatch(ctx);
  const dispatch: RecordedDispatch = { repo: repo.fullName, event_type, client_payload, receivedAt: new Date().toISOString(), requestId: ctx.requestId };
  ctx.core.dispatches.push(dispatch);
  // Handlers see the dispatch only once the 204 is on its way, as a workflow run would,
  // together with the runs it started (none when no workflow of the default branch listens).
  const actor = actorLogin(ctx);
  ctx.afterResponse(() =>
    ctx.core.events.track(
      startDispatchRuns(ctx.core, repo, dispatch, actor).then((runs) => {
        dispatch.runIds = runs.map((run) => run.id);
        ctx.core.events.emit('dispatch', dispatch);
      }),
    ),
  );
  return { status: 204 };
}

// Access first (a hidden repository stays 404), then GitHub's own wording for the payload limits.
const precheck = (ctx: RequestContext): void => {
  repoFromParams(ctx, 'contents', 'write');
  checkDispatch(ctx);
};

export const dispatchRoutes: Route[] = [{ ...defineRoute('POST', '/repos/{owner}/{repo}/dispatches', createDispatch), precheck }];
