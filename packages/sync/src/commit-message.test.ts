import { describe, expect, it } from 'vitest';
import { leavesMarkers } from './apply/outcome.js';
import { cherryPickMessage, recordedLists, syncCommitMessage } from './commit-message.js';

const facts = { feature: 'features/a', upstream: 'acme/mono', target: 'b'.repeat(40), baseline: 'a'.repeat(40), method: 'patch', to: 'app/a', commits: [] };

describe('the lists a sync commit records for its pull request', () => {
  it('reads back the conflicts, notes and features not synced that the message wrote', () => {
    const lists = {
      conflicts: [{ path: 'app/a/LICENSE', reason: "protected (LICENSE): upstream changed it — the cousin's version is kept" }, { path: 'app/a/x.py', reason: 'changed on both sides: 1 conflict marked in the file' }],
      notes: [{ path: 'app/a/vendor', reason: 'a submodule entry (gitlink) at commit 0123456789ab' }],
      notSynced: ['features/b', 'features/c'],
    };
    expect(recordedLists(syncCommitMessage({ ...facts, ...lists }))).toEqual(lists);
    const commit = { sha: 'c'.repeat(40), subject: 'Fix', message: 'Fix\n\nConflicts to resolve: none, says the prose', authorName: 'A', authorEmail: 'a@x', authorDate: '' };
    expect(recordedLists(cherryPickMessage(commit, 'acme/mono', lists))).toEqual(lists);
  });

  it('reads a message written before reasons were recorded as paths with a generic reason', () => {
    expect(recordedLists('Sync x\n\nConflicts to resolve:\n\n* app/a/x.py\n').conflicts).toEqual([{ path: 'app/a/x.py', reason: 'listed by an earlier sync of this branch' }]);
  });

  it('tells a conflict left with markers from one that kept a version', () => {
    const marked = ['changed on both sides: 2 conflicts marked in the file', 'conflict left by git merge, marked in the file', "no sync baseline to merge from: the cousin's file and upstream's differ; both kept, between conflict markers", 'conflict markers from a sync are still in the file'];
    const kept = ["deleted upstream, changed in the cousin: the cousin's version is kept", "changed on both sides and cannot be merged line by line (binary, symlink or submodule entry): the cousin's version is kept", 'protected (.github/**): upstream changed it'];
    expect(marked.map(leavesMarkers)).toEqual(marked.map(() => true));
    expect(kept.map(leavesMarkers)).toEqual(kept.map(() => false));
  });
});
