import type { CommandIO } from '../io.js';

export interface CommandModule {
  run(argv: string[], io: CommandIO): Promise<number>;
}

export interface CommandEntry {
  summary: string;
  /** Loaded on use, so `ecosystem lint` never pays for Octokit or the simulator. */
  load(): Promise<CommandModule>;
  /** The `--help` text alone, for a command whose module is heavy to load. */
  help?(): Promise<string>;
}

export const COMMANDS: Record<string, CommandEntry> = {
  demo: { summary: 'run the whole flow offline on a local GitHub: monorepo, three cousins, three pushes', load: () => import('./demo.js') },
  doctor: { summary: 'check how every cousin is wired: reachable, workflow listening, subscriptions matching, last sync run', load: () => import('./doctor.js') },
  dispatch: { summary: 'send the plan to every subscribed cousin, at GitHub\'s pace, and report each result', load: () => import('./dispatch.js') },
  lint: { summary: 'check ecosystem.json, subscriptions.json and workflows, with exact positions', load: () => import('./lint.js') },
  plan: { summary: 'show which cousins a change would notify, and with what payload', load: () => import('./plan.js') },
  status: { summary: 'show where every cousin stands: synced commit, commits behind, sync PR, failures', load: () => import('./status.js') },
  sync: { summary: 'bring upstream feature changes into this cousin: verify, 3-way merge, one pull request per feature', load: () => import('./sync.js'), help: async () => (await import('./sync-help.js')).SYNC_HELP },
};
