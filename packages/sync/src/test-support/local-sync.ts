import { join } from 'node:path';
import { parseCousinConfig, parseDispatchPayload } from '@ecosystem-dispatcher/core';
import { runSync, type SyncRequest, type SyncRunResult } from '../sync-run.js';
import { TEST_GIT_ENV, type FileSpec, type Scratch, type WorkRepo } from './repos.js';

export const UPSTREAM = 'acme/monorepo';

export interface LocalFixture {
  upstream: WorkRepo;
  upstreamUrl: string;
  cousin: WorkRepo;
  /** Pushes the upstream work repo's main to the bare repo the sync fetches from. */
  publish(): Promise<string>;
  sync(request: SyncRequest | string, options?: { now?: Date; config?: object; dryRun?: boolean }): Promise<SyncRunResult & { log: string[] }>;
  dispatch(commit: string, features?: string[], extra?: Record<string, unknown>): SyncRequest;
}

/** An upstream monorepo (served from a bare repo over file://) and a cousin synced in local mode. */
export async function localFixture(scratch: Scratch, name: string, upstreamFiles: FileSpec, cousinFiles: FileSpec, config: object): Promise<LocalFixture> {
  const upstream = await scratch.repo(`${name}-upstream`, upstreamFiles);
  const bare = await scratch.bare(`${name}-upstream`, upstream);
  await upstream.git.run(['remote', 'add', 'origin', bare]);
  const cousin = await scratch.repo(`${name}-cousin`, { 'subscriptions.json': JSON.stringify(config), ...cousinFiles });
  const fixture: LocalFixture = {
    upstream,
    upstreamUrl: `file://${bare}`,
    cousin,
    async publish() {
      await upstream.git.run(['push', '--quiet', '--force', 'origin', 'main']);
      return upstream.head();
    },
    dispatch: (commit, features = ['features/a'], extra = {}) => ({
      kind: 'dispatch',
      payload: parseDispatchPayload({ payload_version: 2, commit_sha: commit, source_repo: UPSTREAM, updated_features: features, ...extra }),
    }),
    async sync(request, options = {}) {
      const log: string[] = [];
      const resolved: SyncRequest = typeof request === 'string' ? fixture.dispatch(request) : request;
      const result = await runSync({
        config: parseCousinConfig(JSON.stringify(options.config ?? config), join(cousin.dir, 'subscriptions.json')),
        request: resolved,
        repoDir: cousin.dir,
        cousin: 'acme/cousin',
        upstreamUrl: fixture.upstreamUrl,
        localOnly: true,
        dryRun: options.dryRun ?? false,
        ...(options.now ? { now: () => options.now! } : {}),
        log: (line) => log.push(line),
        gitEnv: TEST_GIT_ENV,
      });
      return { ...result, log };
    },
  };
  await fixture.publish();
  return fixture;
}
