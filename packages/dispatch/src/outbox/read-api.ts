import { parseRepoName } from '@ecosystem-dispatcher/core';
import type { Octokit } from '@ecosystem-dispatcher/github';
import { emptyOutbox, parseOutbox, pendingEntries, type Outbox } from './state.js';
import { OUTBOX_REF } from './stores.js';

/**
 * Reads the outbox a dispatch run pushed, through the REST API (for `ecosystem status`,
 * which has no checkout): two reads, the ref and the file at its commit. An absent ref
 * is an empty outbox.
 */
export async function readOutboxThroughApi(octokit: Octokit, monorepo: string, ref = OUTBOX_REF): Promise<Outbox> {
  const { owner, name } = parseRepoName(monorepo);
  let commit: string;
  try {
    const { data } = await octokit.request('GET /repos/{owner}/{repo}/git/ref/{ref}', { owner, repo: name, ref: ref.replace(/^refs\//, '') });
    commit = data.object.sha;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return emptyOutbox();
    throw error;
  }
  const { data } = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', { owner, repo: name, path: 'outbox.json', ref: commit });
  if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return emptyOutbox();
  return parseOutbox(Buffer.from(data.content, 'base64').toString('utf8'), `outbox.json on ${ref} of ${monorepo}`);
}

/** What one cousin is still owed, for reports. */
export interface PendingDelivery {
  repo: string;
  features: string[];
  commit: string;
  since: string;
  attempts: number;
  lastError?: string;
}

export function pendingDeliveries(outbox: Outbox): PendingDelivery[] {
  return pendingEntries(outbox).map(([, entry]) => ({
    repo: entry.repo,
    features: entry.features,
    commit: entry.commit!,
    since: entry.pendingSince ?? '',
    attempts: entry.attempts,
    ...(entry.lastError ? { lastError: entry.lastError.message } : {}),
  }));
}
