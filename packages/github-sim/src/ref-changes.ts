import type { SimCore } from './context.js';
import type { RepoRecord } from './state.js';
import { nowIso } from './state.js';
import type { PushEvent } from './types.js';

/**
 * Bookkeeping for any ref update, by git push or by the API: pull requests
 * remember their head tip (so `sim.pulls()` stays synchronous) and listeners get
 * a `push` event.
 */
export function recordRefChange(core: SimCore, repo: RepoRecord, event: PushEvent, deliver: (emit: () => void) => void): void {
  repo.pushedAt = nowIso();
  const branch = event.ref.startsWith('refs/heads/') ? event.ref.slice('refs/heads/'.length) : undefined;
  if (branch !== undefined) {
    for (const issue of repo.issues.values()) {
      if (issue.pull && issue.state === 'open' && issue.pull.head === branch && !/^0+$/.test(event.after)) issue.pull.lastHeadSha = event.after;
    }
  }
  deliver(() => core.events.emit('push', event));
}
