export { runCli } from './main.js';
export type { CommandIO } from './io.js';
export { COMMANDS, type CommandEntry, type CommandModule } from './commands/index.js';
export { parseFlags, oneOf, type FlagSpec } from './flags.js';
export { selectPlan, PLAN_SELECTOR_FLAGS, PLAN_SELECTOR_HELP } from './plan-selectors.js';
export { VERSION } from './version.js';
