import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { credentialFrom } from './auth.js';
import type { Reply } from './context.js';

/*
 * Conditional requests, as GitHub answers them
 * (https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate):
 * a successful GET carries an `etag`; the same GET with `If-None-Match: <that etag>` is
 * answered 304 with no body, and a 304 to an authorized request does not count against
 * the primary rate limit.
 *
 * GitHub's ETags are specific to the token that asked (GitHub support, quoted in
 * eclipse-csi/otterdog#201; github/docs#34689): an installation token renewed every hour
 * gets new ETags. The sim hashes the credential into the tag, so it is never laxer.
 */
export function entityTag(body: unknown, headers: IncomingHttpHeaders): string {
  const hash = createHash('sha256').update(credentialFrom(headers) ?? '').update('\0').update(JSON.stringify(body)).digest('hex');
  return `W/"${hash.slice(0, 40)}"`;
}

/** RFC 9110 §13.1.2: `*`, or any listed tag equal to ours under the weak comparison. */
export function ifNoneMatchHits(header: string | string[] | undefined, etag: string): boolean {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return false;
  if (value.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return value.split(',').some((tag) => opaque(tag) === opaque(etag));
}

/** A successful GET gains its etag; a GET whose `If-None-Match` names it becomes a bodiless 304. */
export function conditionalReply(method: string, headers: IncomingHttpHeaders, reply: Reply): Reply {
  if (method !== 'GET' || reply.status !== 200 || reply.body === undefined) return reply;
  const etag = entityTag(reply.body, headers);
  if (ifNoneMatchHits(headers['if-none-match'], etag)) return { status: 304, headers: { ...reply.headers, etag } };
  return { ...reply, headers: { ...reply.headers, etag } };
}
