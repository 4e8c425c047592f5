import { DEFAULT_PROTECT, isGlobPattern } from '@ecosystem-dispatcher/core';
import type { PatternFinding } from './pattern-rules.js';

/**
 * Patterns the matcher reads otherwise than picomatch would, on purpose (README, "Where the
 * matcher differs from picomatch"), flagged where the writer most likely meant picomatch's
 * reading. The matcher cannot honour that reading, so lint says what it does instead.
 */

/**
 * A written subscription starting with `!(`: picomatch reads an extglob ("anything but"),
 * but a leading `!` marks an exclusion here, so `!(docs)/**` excludes `(docs)/**`. The
 * same files are followed with `*` and an exclusion of `@(…)`.
 */
export function findNegatedExtglob(written: string, what: string): PatternFinding | undefined {
  if (!written.startsWith('!(')) return undefined;
  const close = written.indexOf(')');
  const inner = close === -1 ? undefined : written.slice(2, close);
  const rest = close === -1 ? '' : written.slice(close + 1);
  const rewrite = inner === undefined ? '' : `; to follow what picomatch would match, subscribe ${JSON.stringify(`*${rest}`)} and exclude ${JSON.stringify(`!@(${inner})${rest}`)}`;
  return {
    rule: 'glob/negated-extglob',
    message: `${what} ${JSON.stringify(written)} starts with "!(", which picomatch reads as "anything but", but here a leading "!" marks an exclusion: this excludes ${JSON.stringify(written.slice(1))}${rewrite}`,
  };
}

/** `[a-z]`, `[0-9A-F]`, `[!x]`, `[^x]`, `[[:alpha:]]`: brackets that only make sense as a character class. */
const CLASS = /\[(?:[!^][^\]]+|(?:[^\]/]-[^\]/])+|\[:[a-z]+:\])\]/;
/** `(a|b)`: parentheses that only make sense as picomatch's choice of alternatives. */
const CHOICE = /\(([^()/]*\|[^()/]*)\)/;

/**
 * A path without `*`, `?`, a brace or an extglob is read as written, brackets and
 * parentheses included (route folders of Next.js, SvelteKit and Astro). Where those look
 * like a class or a choice, the writer probably meant picomatch's reading, which this path
 * does not get. `exists`: the name is a real path, so it was meant as written.
 */
export function findLiteralName(path: string, what: string, exists: boolean): PatternFinding | undefined {
  if (exists || isGlobPattern(path)) return undefined;
  const quoted = JSON.stringify(path);
  const choice = CHOICE.exec(path);
  if (choice) {
    const brace = `{${choice[1]!.split('|').join(',')}}`;
    return {
      rule: 'glob/literal-name',
      message: `${what} ${quoted} has no *, ?, brace or extglob, so it is a path read character for character: "${choice[0]}" names a folder, not a choice as in picomatch; for a choice write ${JSON.stringify(path.replace(choice[0], brace))}`,
    };
  }
  const klass = CLASS.exec(path);
  if (!klass) return undefined;
  return {
    rule: 'glob/literal-name',
    message: `${what} ${quoted} has no *, ?, brace or extglob, so it is a path read character for character: "${klass[0]}" names a folder, not a character class as in picomatch; to match it as a glob add a glob part, e.g. ${JSON.stringify(`${path}/**`)}`,
  };
}

/** A file git would place in a workflows folder (`.github/workflows/…`) at any depth. */
export function isWorkflowFile(path: string): boolean {
  return path.startsWith('.github/workflows/') || path.includes('/.github/workflows/');
}

/**
 * Why workflow files in a subscription matter, in one line: sync protects `.github` (see
 * core's pathProtection), so they reach a cousin only by hand, and a push of a cousin's
 * `.github/workflows/` needs a permission most sync tokens lack.
 */
export function workflowFilesMessage(what: string, files: readonly string[]): string {
  const more = files.length > 1 ? ` and ${files.length - 1} more` : '';
  return `${what} carries workflow files (${files[0]}${more}): sync never writes a .github folder in a cousin (a workflow on a sync branch would run with the cousin's secrets before review), so each change there becomes a conflict to bring in by hand, and pushing it to the cousin's .github/workflows/ needs "Workflows: Read and write" (fine-grained PAT or GitHub App; classic PAT: the workflow scope), which a GITHUB_TOKEN never has; exclude them if the cousin does not need them`;
}

/** What a root destination puts at risk, and what keeps it safe, naming this file's own `protect` list. */
export function rootDestinationMessage(path: string): string {
  const defaults = DEFAULT_PROTECT.join(', ');
  return `${JSON.stringify(path)} syncs into "." (the repository root), beside this repository's own files: sync never writes .github/**, this subscriptions.json, .gitmodules or any other .git* entry, and by default keeps ${defaults} as they are; every other file upstream has at the same path is merged into this repository's own. Add "protect" with the paths to keep (it replaces the default, so list ${defaults} too if you want them kept); a "protect" list also marks this choice as made and silences this warning`;
}
