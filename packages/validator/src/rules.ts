/**
 * Every rule of `ecosystem lint`, by stable id. Ids never change meaning: users filter on
 * them, SARIF uploads key on them. The help text is what SARIF viewers and the README show.
 */
export type Severity = 'error' | 'warning';

export interface RuleInfo {
  severity: Severity;
  /** Which files the rule applies to. */
  applies: 'any' | 'ecosystem' | 'subscriptions';
  summary: string;
  help: string;
}

const rule = (severity: Severity, applies: RuleInfo['applies'], summary: string, help: string): RuleInfo => ({
  severity,
  applies,
  summary,
  help,
});

export const RULES = {
  'json/syntax': rule('error', 'any', 'The file is not valid JSON.', 'Fix the syntax at the position shown: JSON has no comments, no trailing commas and only double-quoted strings.'),
  'json/duplicate-key': rule('error', 'any', 'A key written twice in one object.', 'JSON keeps only the last of two equal keys, silently: merge the two values and remove one key.'),
  'schema/type': rule('error', 'any', 'A value has the wrong type.', 'Use the type the schema asks for, e.g. a list of strings for "subscriptions" or true/false for "batch".'),
  'schema/required': rule('error', 'any', 'A required key is missing.', 'Add the key: every cousin needs "repo" and "subscriptions"; the object form needs "cousins"; subscriptions.json needs "subscriptions".'),
  'schema/unknown-key': rule('error', 'any', 'A key the schema does not know.', 'Remove the key or fix its spelling; the message suggests the closest allowed key.'),
  'schema/value': rule('error', 'any', 'A value outside what the schema allows.', 'Change the value to one the schema allows (the message names the limit).'),
  'repo/format': rule('error', 'ecosystem', 'A cousin repository is not "owner/name".', 'Write the repository as owner/name: owner 1-39 letters, digits or single hyphens; name 1-100 of A-Z a-z 0-9 . _ -. Not a URL, no ".git".'),
  'repo/duplicate': rule('error', 'ecosystem', 'The same repository is listed twice.', 'GitHub names are case-insensitive: merge the two entries into one cousin.'),
  'subscriptions/empty': rule('error', 'any', 'A subscription list follows nothing.', 'Add at least one path to follow; a cousin with no subscriptions (or only exclusions) never gets a dispatch.'),
  'subscriptions/duplicate': rule('error', 'any', 'The same path is listed twice.', 'Remove the second entry.'),
  'subscriptions/pattern': rule('error', 'subscriptions', 'A cousin follows a glob.', 'Dispatches name concrete folders, never globs: a glob subscription in ecosystem.json sends the folder its segments select (features/*/flask/** sends features/webpush/flask). List each folder this repository follows.'),
  'subscriptions/workflow-files': rule('warning', 'any', 'A subscription carries files of a .github/workflows folder.', 'Sync never writes a .github folder in a cousin, so these changes become conflicts to bring in by hand; pushing them to a cousin\'s .github/workflows/ needs "Workflows: Read and write" (classic PAT: the workflow scope), which a GITHUB_TOKEN never has. Exclude them if cousins do not need them.'),
  'subscriptions/nested': rule('warning', 'ecosystem', 'A subscription lies inside another directory subscription of the same cousin.', 'Remove the inner subscription: the outer directory already covers it, and with "batch": false the cousin would get two dispatches for one change.'),
  'path/empty': rule('error', 'any', 'An empty path.', 'Write a path relative to the repository root, e.g. "features/webpush/flask".'),
  'path/absolute': rule('error', 'any', 'An absolute path.', 'Write paths relative to the repository root, without a leading "/" or drive letter.'),
  'path/parent': rule('error', 'any', 'A path with "..".', 'Paths must stay inside the repository: remove the ".." segments.'),
  'path/backslash': rule('error', 'any', 'A path with a backslash.', 'Use "/" between folders, as git does on every platform.'),
  'path/empty-segment': rule('error', 'any', 'A path with "//".', 'Remove the extra "/".'),
  'path/dot-segment': rule('error', 'any', 'A path with a "." segment.', 'Remove the "./" segment.'),
  'path/control-character': rule('error', 'any', 'A path with a control character.', 'Remove the control character (tab, newline, ...) from the path.'),
  'path/no-match': rule('error', 'ecosystem', 'A subscription matches no tracked file of the monorepo.', 'Fix the path or add the files to git: `git ls-files` is what counts, ignored and untracked files do not. A subscription that matches nothing never fires.'),
  'glob/invalid': rule('error', 'ecosystem', 'A glob that cannot work.', 'Close every "[", "{" and "(", write exclusions with one leading "!", and check character ranges.'),
  'glob/negated-extglob': rule('warning', 'ecosystem', 'A subscription starting with "!(", which is an exclusion here, not picomatch\'s "anything but".', 'A leading "!" marks an exclusion, so "!(docs)/**" excludes "(docs)/**". To follow everything but docs, subscribe "*/**" and exclude "!@(docs)/**".'),
  'glob/literal-name': rule('warning', 'any', 'A path whose brackets or parentheses look like a class or a choice, but are read as a name.', 'A path without *, ?, a brace or an extglob is matched as written (route folders such as app/(shop)/[slug] are names). For a glob, add a glob part ("features/[a-z]/flask/**") or write a choice as a brace ("{a,b}").'),
  'glob/globstar': rule('warning', 'ecosystem', '"**" inside a path segment acts like "*".', 'Write "**" as a whole segment ("features/**/*.py") to cross folders.'),
  'exclusion/unused': rule('warning', 'ecosystem', 'An exclusion that excludes nothing.', 'Remove the exclusion or fix its path: it matches nothing the cousin subscribes to.'),
  'event-type/length': rule('error', 'ecosystem', 'An eventType GitHub rejects.', 'GitHub accepts a repository_dispatch event_type of 1 to 100 characters.'),
  'upstream/format': rule('error', 'subscriptions', 'The upstream monorepo is not "owner/name".', 'Write "upstream" as owner/name; not a URL, no ".git".'),
  'upstream/missing': rule('warning', 'subscriptions', 'No upstream monorepo is named.', 'Add "upstream": "owner/name": sync checks every dispatch against it and refuses one from anywhere else.'),
  'destination/empty': rule('error', 'subscriptions', 'An empty destination.', 'Write a folder relative to the cousin root, or "." for the root itself.'),
  'destination/absolute': rule('error', 'subscriptions', 'An absolute destination.', 'Write the destination relative to the cousin root, without a leading "/".'),
  'destination/parent': rule('error', 'subscriptions', 'A destination with "..".', 'Destinations must stay inside the cousin repository: remove the ".." segments.'),
  'destination/backslash': rule('error', 'subscriptions', 'A destination with a backslash.', 'Use "/" between folders.'),
  'destination/empty-segment': rule('error', 'subscriptions', 'A destination with "//".', 'Remove the extra "/".'),
  'destination/dot-segment': rule('error', 'subscriptions', 'A destination with a "." segment inside it.', 'Remove the "./" segment ("." alone means the cousin root).'),
  'destination/control-character': rule('error', 'subscriptions', 'A destination with a control character.', 'Remove the control character.'),
  'destination/overlap': rule('error', 'subscriptions', 'Two subscriptions write into the same folder.', 'Give each subscription its own destination folder, or merge them: two syncs writing the same files overwrite each other.'),
  'destination/root': rule('warning', 'subscriptions', 'A feature synced into the repository root (".") without a "protect" list.', 'At the root, upstream files meet the cousin\'s own. Sync never writes .github/**, its subscriptions.json, .gitmodules or any .git* entry, and by default keeps README.md, LICENSE and LICENSE.*; set "protect" to the paths to keep (it replaces that default), which also silences this warning.'),
  'destination/nested': rule('warning', 'subscriptions', 'A destination lies inside another subscription\'s destination.', 'Prefer separate folders: syncs of the outer and the inner subscription can overwrite each other\'s files.'),
  'method/unknown': rule('error', 'subscriptions', 'An unknown sync method.', 'Use one of patch, copy, cherry-pick, squash, merge.'),
} satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof RULES;

export function ruleInfo(id: string): RuleInfo | undefined {
  return Object.hasOwn(RULES, id) ? RULES[id as RuleId] : undefined;
}
