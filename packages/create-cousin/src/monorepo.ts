import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_EVENT_TYPE, Git, isGlobPattern, parseEcosystemConfig, readEcosystemConfig, readTextFile, repoFromRemoteUrl, repoKey, unreadableReason, UsageError, type EcosystemFile } from '@ecosystem-dispatcher/core';

/**
 * The features a local monorepo checkout offers: the plain paths its ecosystem.json
 * already names, and every folder under features/ that holds files of its own
 * (features/webpush/flask, features/cms/supabase/flask-implementation).
 */
export async function listFeatures(monorepo: string): Promise<string[]> {
  const found = new Set<string>();
  const ecosystemFile = path.join(monorepo, 'ecosystem.json');
  if (existsSync(ecosystemFile)) {
    const config = await readEcosystemConfig(ecosystemFile);
    for (const cousin of config.cousins) {
      for (const subscription of cousin.subscriptions) if (!isGlobPattern(subscription)) found.add(subscription);
    }
  }
  for (const folder of await featureFolders(monorepo, 'features')) found.add(folder);
  return [...found].sort();
}

async function featureFolders(root: string, relative: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(path.join(root, relative), { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new UsageError(`cannot read ${path.join(root, relative)}: ${unreadableReason(error)}`);
  }
  if (entries.some((entry) => entry.isFile())) return [relative];
  const folders = entries.filter((entry) => entry.isDirectory() && !entry.name.startsWith('.')).map((entry) => entry.name).sort();
  const nested = await Promise.all(folders.map((name) => featureFolders(root, `${relative}/${name}`)));
  return nested.flat();
}

/** owner/name of a checkout's `origin` remote, when it has one that looks like a GitHub repository. */
export async function originRepo(checkout: string): Promise<string | undefined> {
  if (!existsSync(path.join(checkout, '.git'))) return undefined;
  const { stdout, code } = await new Git(checkout).run(['config', '--get', 'remote.origin.url'], { okCodes: [1] });
  return code === 0 ? repoFromRemoteUrl(stdout.trim()) : undefined;
}

/** The event types an ecosystem.json sets: the file's default and, when listed, this cousin's own. */
export async function monorepoEventTypes(file: string, repo: string | undefined): Promise<{ defaultEventType: string; cousin: string | undefined }> {
  const text = await readTextFile(file);
  const config = parseEcosystemConfig(text, file);
  const value = JSON.parse(text) as EcosystemFile;
  const defaultEventType = (Array.isArray(value) ? undefined : value.defaults?.eventType) ?? DEFAULT_EVENT_TYPE;
  const entry = repo === undefined ? undefined : config.cousins.find((cousin) => repoKey(cousin.repo) === repoKey(repo));
  return { defaultEventType, cousin: repo === undefined ? undefined : entry?.eventType };
}
