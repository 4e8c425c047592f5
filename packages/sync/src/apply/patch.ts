import { commitOutcome, mirrorAndCommit } from './copy-method.js';
import { applyContext, blobsOf, changeOids, type MethodInput, type MethodResult } from './method-input.js';
import { applyThreeWay } from './three-way.js';

/**
 * `patch` (the default) and `squash`: upstream's change from the baseline to the new
 * commit, merged 3-way into the cousin's folder as one commit. `squash` also lists the
 * upstream commits it squashed in the message, like `git merge --squash`.
 */
export async function syncByPatch(input: MethodInput, method: 'patch' | 'squash' = 'patch'): Promise<MethodResult> {
  if (!input.baseline) return mirrorAndCommit(input, undefined, method);
  const changes = await input.upstream.diffFeature(input.baseline, input.target, input.subscription.path);
  const blobs = await blobsOf(input.upstream, changeOids(changes));
  return commitOutcome(input, await applyThreeWay(changes, applyContext(input, blobs)), method);
}
