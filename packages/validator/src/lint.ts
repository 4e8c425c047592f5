import { basename, resolve } from 'node:path';
import { findJsonSyntaxProblem, JsonDocument, offsetToPosition, readTextFile, type Problem, type SchemaKind } from '@ecosystem-dispatcher/core';
import { viewEcosystem, isJsonObject } from './ecosystem-entries.js';
import { findDuplicateKeys } from './duplicate-keys.js';
import { checkEcosystem } from './ecosystem-rules.js';
import { Findings } from './findings.js';
import { RULES } from './rules.js';
import { checkSchema } from './schema-rules.js';
import { checkSubscriptionsFile } from './subscriptions-rules.js';
import { resolveTrackedFiles, TrackedFiles, type PathCheckOptions } from './tracked-files.js';

export type LintKind = SchemaKind;

export interface LintTextOptions {
  /** Which file this is; detected from its shape (then its name) when left out. */
  kind?: LintKind;
  /** The monorepo's tracked files: turns on path/no-match and the file-based exclusion check. */
  trackedFiles?: readonly string[] | TrackedFiles;
  /**
   * For a subscriptions.json: the monorepo's tracked files, when known (create-cousin
   * --monorepo), so lint sees which files each subscription carries into the cousin.
   */
  upstreamFiles?: readonly string[] | TrackedFiles;
}

/** `cwd` also resolves relative file names; problems keep the names as given. */
export interface LintOptions extends PathCheckOptions {
  kind?: LintKind;
}

export interface LintRun {
  problems: Problem[];
  /** The text of every linted file, for code frames. */
  sources: Map<string, string>;
  /** Whether the subscriptions were checked against the monorepo's tracked files. */
  pathChecked: boolean;
}

/** ecosystem.json or a cousin's subscriptions.json? `$schema` first, then the shape, then the file name. */
export function detectKind(value: unknown, file: string): LintKind {
  if (isJsonObject(value)) {
    const schema = typeof value.$schema === 'string' ? value.$schema : '';
    if (schema.includes('subscriptions.schema')) return 'subscriptions';
    if (schema.includes('ecosystem.schema')) return 'ecosystem';
    if ('cousins' in value || 'defaults' in value) return 'ecosystem';
    if (['subscriptions', 'upstream', 'method', 'pullRequest', 'maxAgeDays'].some((key) => key in value)) return 'subscriptions';
  }
  if (Array.isArray(value) && value.length > 0) return value.every((item) => typeof item === 'string') ? 'subscriptions' : 'ecosystem';
  return basename(file).toLowerCase().startsWith('subscriptions') ? 'subscriptions' : 'ecosystem';
}

/** Lints one file's text. The path check runs only with `trackedFiles` (lintFile lists them from git). */
export function lintText(text: string, file: string, options: LintTextOptions = {}): Problem[] {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    return [syntaxProblem(source, file, error as Error)];
  }
  const findings = new Findings(new JsonDocument(file, source, value));
  for (const duplicate of findDuplicateKeys(source)) {
    const first = offsetToPosition(source, duplicate.firstOffset);
    const message = `key ${JSON.stringify(duplicate.key)} is written twice in this object (first on line ${first.line}); JSON keeps only the last: remove one`;
    findings.problems.push(problemAt(source, file, 'json/duplicate-key', duplicate.offset, message));
  }
  const kind = options.kind ?? detectKind(value, file);
  if (kind === 'ecosystem') checkEcosystem(viewEcosystem(value), findings, asTrackedFiles(options.trackedFiles));
  else checkSubscriptionsFile(value, findings, asTrackedFiles(options.upstreamFiles));
  // After the semantic rules, so the schema's vaguer errors at the same values can be dropped.
  checkSchema(kind, value, findings);
  return sortProblems(findings.problems);
}

function asTrackedFiles(files: readonly string[] | TrackedFiles | undefined): TrackedFiles | undefined {
  return files === undefined || files instanceof TrackedFiles ? files : new TrackedFiles(files);
}

function syntaxProblem(source: string, file: string, error: Error): Problem {
  const found = findJsonSyntaxProblem(source) ?? { offset: 0, message: error.message };
  return problemAt(source, file, 'json/syntax', found.offset, `JSON syntax error: ${found.message}`);
}

function problemAt(source: string, file: string, rule: 'json/syntax' | 'json/duplicate-key', offset: number, message: string): Problem {
  const at = offsetToPosition(source, offset);
  return { rule, severity: RULES[rule].severity, message, file, line: at.line, column: at.column };
}

export async function readLintedFile(file: string, cwd?: string): Promise<string> {
  return readTextFile(cwd ? resolve(cwd, file) : file, file);
}

/** Lints one file; an unreadable file is a UsageError (exit 2), not a finding. */
export async function lintFile(file: string, options: LintOptions = {}): Promise<Problem[]> {
  return (await lintFiles([file], options)).problems;
}

/** Lints several files against one listing of the monorepo's tracked files. */
export async function lintFiles(files: readonly string[], options: LintOptions = {}): Promise<LintRun> {
  const texts = await Promise.all(files.map(async (file) => [file, await readLintedFile(file, options.cwd)] as const));
  const tracked = await resolveTrackedFiles(options);
  const problems = texts.flatMap(([file, text]) => lintText(text, file, { kind: options.kind, trackedFiles: tracked }));
  return { problems, sources: new Map(texts), pathChecked: tracked !== undefined };
}

export function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
}
