import { parseArgs } from 'node:util';
import { UsageError } from '@ecosystem-dispatcher/core';

export const HELP = `Usage: create-cousin [DIR] --upstream OWNER/MONOREPO --subscribe PATH[:DEST] ... [options]

Sets up DIR (default: the current folder) as a cousin of a monorepo: a workflow that
turns each upstream change of the subscribed features into a pull request, the
subscriptions.json it reads, and a README section.

Answers:
  --upstream OWNER/NAME    the monorepo on GitHub
  --subscribe PATH[:DEST]  a monorepo folder to follow, and where it lands here
                           (DEST "." is this repository's root; default: the same path);
                           repeat for more features
  --method METHOD          patch (default), copy, cherry-pick, squash or merge
  --labels A,B             extra labels for the sync pull requests
  --repo OWNER/NAME        this cousin's own repository (default: from git remote "origin")
  --event-type NAME        the repository_dispatch type the monorepo sends (default: this
                           cousin's eventType in the monorepo's ecosystem.json, else its
                           defaults.eventType, else feature-update)
  --monorepo PATH          a local checkout of the monorepo, to offer and check its features
Workflow:
  --standalone             a self-contained workflow instead of calling the project's
                           reusable one
  --ref REF                the project version the workflow runs (default: v<this version>)
  --schedule CRON          also catch up on a schedule (GitHub cron, 5 fields, UTC), e.g.
                           "17 * * * *" hourly: every subscribed feature synced to the
                           upstream's latest commit, in case a dispatch never arrived
                           (default: off; each run is billed at least one Actions minute)
Files:
  --yes, -y                take the defaults, never ask
  --force                  replace files that differ from what the answers produce
  --check                  write nothing; exit 1 when the files differ (for CI)
  --register FILE          add or update this cousin's entry in the monorepo's ecosystem.json
  --help, -h / --version, -v

Questions are asked only on a terminal; elsewhere a missing answer is an error naming
the flag to pass. Exit codes: 0 done, 1 files differ or lint problems, 2 bad input.
`;

const OPTIONS = {
  upstream: { type: 'string' },
  subscribe: { type: 'string', multiple: true },
  method: { type: 'string' },
  labels: { type: 'string' },
  repo: { type: 'string' },
  'event-type': { type: 'string' },
  monorepo: { type: 'string' },
  standalone: { type: 'boolean' },
  ref: { type: 'string' },
  schedule: { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  force: { type: 'boolean' },
  check: { type: 'boolean' },
  register: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** The command line as typed; nothing is checked beyond its syntax yet. */
export interface Flags {
  dir: string | undefined;
  upstream: string | undefined;
  subscribe: string[];
  method: string | undefined;
  labels: string | undefined;
  repo: string | undefined;
  eventType: string | undefined;
  monorepo: string | undefined;
  standalone: boolean;
  ref: string | undefined;
  schedule: string | undefined;
  yes: boolean;
  force: boolean;
  check: boolean;
  register: string | undefined;
  help: boolean;
  version: boolean;
}

export function parseFlags(argv: string[]): Flags {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new UsageError(`${message.charAt(0).toLowerCase()}${message.slice(1)} (see "create-cousin --help")`);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError(`one target folder at most (got ${positionals.map((p) => JSON.stringify(p)).join(', ')})`);
  if (values.force && values.check) throw new UsageError('--check and --force exclude each other: --check never writes');
  return {
    dir: positionals[0],
    upstream: values.upstream,
    subscribe: values.subscribe ?? [],
    method: values.method,
    labels: values.labels,
    repo: values.repo,
    eventType: values['event-type'],
    monorepo: values.monorepo,
    standalone: values.standalone ?? false,
    ref: values.ref,
    schedule: values.schedule,
    yes: values.yes ?? false,
    force: values.force ?? false,
    check: values.check ?? false,
    register: values.register,
    help: values.help ?? false,
    version: values.version ?? false,
  };
}
