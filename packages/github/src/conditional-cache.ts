import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Octokit } from '@octokit/core';

/** One GET answer kept for revalidation: its ETag, body and the headers paging needs. */
export interface CachedAnswer {
  etag: string;
  status: number;
  data: unknown;
  /** `link`, for `octokit.paginate`. */
  link?: string;
}

export interface CacheStats {
  /** GETs sent with `If-None-Match` and answered 304: served from the cache, free of the primary limit. */
  notModified: number;
  /** GETs answered in full (200), cached for next time when they carried an ETag. */
  fetched: number;
  /** GETs pinned to a commit SHA asked again (in this run, or kept in the file): served without a request. */
  pinned: number;
}

const FILE_VERSION = 1;
const DEFAULT_MAX_ENTRIES = 2_000;

/**
 * The ETag cache behind conditional requests
 * (https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate).
 * Every GET is sent with `If-None-Match` when an answer is kept; a 304 costs no primary
 * budget and the kept body is handed back. GitHub's ETags belong to the token that asked
 * (eclipse-csi/otterdog#201), so a kept answer only saves budget while the token stays the
 * same — a PAT across scheduled runs, any token within one run. Keys leave the token out:
 * the server, not the cache, decides whether the kept body is still what this token sees.
 */
export class ConditionalCache {
  readonly stats: CacheStats = { notModified: 0, fetched: 0, pinned: 0 };
  private readonly entries = new Map<string, CachedAnswer>();

  constructor(
    entries: Iterable<[string, CachedAnswer]> = [],
    private readonly maxEntries = DEFAULT_MAX_ENTRIES,
  ) {
    for (const [key, answer] of entries) this.entries.set(key, { ...answer });
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): CachedAnswer | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Most recently used last: the oldest is evicted first.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, answer: CachedAnswer): void {
    this.entries.delete(key);
    this.entries.set(key, { ...answer });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  /**
   * A cache kept in a file between runs (scheduled syncs and status runs). A missing file
   * is an empty cache; an unreadable one too — a cache never fails a run, it only costs
   * the budget it would have saved.
   */
  static async load(file: string, maxEntries = DEFAULT_MAX_ENTRIES): Promise<ConditionalCache> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return new ConditionalCache([], maxEntries);
    }
    try {
      const parsed = JSON.parse(text) as { version?: number; entries?: [string, CachedAnswer][] };
      if (parsed.version !== FILE_VERSION || !Array.isArray(parsed.entries)) return new ConditionalCache([], maxEntries);
      return new ConditionalCache(parsed.entries.filter(([key, answer]) => typeof key === 'string' && typeof answer?.etag === 'string'), maxEntries);
    } catch {
      return new ConditionalCache([], maxEntries);
    }
  }

  /** Writes the cache atomically (a temp file renamed over the old one). */
  async save(file: string): Promise<void> {
    const entries = [...this.entries];
    await mkdir(dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify({ version: FILE_VERSION, entries }));
    await rename(temp, file);
  }
}

const FULL_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/**
 * A GET whose answer cannot change: it names a full commit SHA (contents or a path-limited
 * log at `ref`/`sha`, a git object, a commit, a compare of two SHAs). Once kept, it is
 * answered without a request — in this run, or a later one through the file. Not
 * `…/commits/{sha}/status` or check runs: those change.
 */
export function isPinnedToCommit(url: URL): boolean {
  const path = url.pathname;
  if (/\/git\/(?:trees|commits|blobs)\/[0-9a-f]{40,64}$/.test(path)) return true;
  if (/\/commits\/[0-9a-f]{40,64}$/.test(path)) return true;
  const compare = /\/compare\/([^/]+)\.\.\.([^/]+)$/.exec(path);
  if (compare) return FULL_SHA.test(compare[1]!) && FULL_SHA.test(compare[2]!);
  const pin = url.searchParams.get('ref') ?? url.searchParams.get('sha');
  return pin !== null && FULL_SHA.test(pin) && /\/(?:contents(?:\/.*)?|commits)$/.test(path);
}

type RequestOptions = { method: string; url: string; headers: Record<string, string | number | undefined>; [key: string]: unknown };
type Response = { status: number; url: string; headers: Record<string, string | number | undefined>; data: unknown };

/**
 * Sends every GET conditionally through `cache` (see ConditionalCache). A request that
 * already carries `If-None-Match` or `If-Modified-Since` is left as its caller made it.
 */
export function useConditionalRequests(octokit: Octokit, cache: ConditionalCache): void {
  octokit.hook.wrap('request', async (request, options) => {
    const parsed = octokit.request.endpoint.parse(options as never) as unknown as RequestOptions;
    const headers = parsed.headers ?? {};
    if (parsed.method !== 'GET' || headers['if-none-match'] !== undefined || headers['if-modified-since'] !== undefined) return request(options);
    const url = new URL(parsed.url);
    const key = `${url.href} ${String(headers.accept ?? '')}`;
    const kept = cache.get(key);
    if (kept && isPinnedToCommit(url)) {
      cache.stats.pinned += 1;
      return answerFrom(kept, url.href, {});
    }
    if (!kept) return remember(cache, key, (await request(options)) as Response);
    try {
      // before-after-hook binds the inner hooks to this very options object: the header is set on it, not on a copy.
      options.headers = { ...options.headers, 'if-none-match': kept.etag };
      const response = (await request(options)) as Response;
      return remember(cache, key, response);
    } catch (error) {
      const failed = error as { status?: number; response?: { headers?: Response['headers'] } };
      if (failed.status !== 304) throw error;
      cache.stats.notModified += 1;
      cache.set(key, kept);
      return answerFrom(kept, url.href, failed.response?.headers ?? {});
    }
  });
}

function remember(cache: ConditionalCache, key: string, response: Response): Response {
  cache.stats.fetched += 1;
  const etag = response.headers.etag;
  if (response.status === 200 && typeof etag === 'string') {
    const link = response.headers.link;
    cache.set(key, { etag, status: response.status, data: structuredClone(response.data), ...(typeof link === 'string' ? { link } : {}) });
  }
  return response;
}

/** The kept answer, as a fresh copy (callers may change what they get), with the 304's headers. */
function answerFrom(kept: CachedAnswer, url: string, headers: Response['headers']): Response {
  return { status: kept.status, url, headers: { ...headers, etag: kept.etag, ...(kept.link ? { link: kept.link } : {}) }, data: structuredClone(kept.data) };
}
