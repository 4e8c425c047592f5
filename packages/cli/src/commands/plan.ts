import type { DispatchPlan } from '@ecosystem-dispatcher/core';
import { oneOf, parseFlags } from '../flags.js';
import type { CommandIO } from '../io.js';
import { PLAN_SELECTOR_FLAGS, PLAN_SELECTOR_HELP, selectPlan } from '../plan-selectors.js';
import { renderTable } from '../table.js';

const HELP = `Usage: ecosystem plan [options]

Shows which cousins a change notifies and the payload each gets. No network.

${PLAN_SELECTOR_HELP}
Output:
  --format pretty|json    (default pretty)
  -h, --help              this help
Environment:
  GITHUB_EVENT_PATH, GITHUB_EVENT_NAME (with --event), GITHUB_REPOSITORY and GITHUB_REF
  (named in payloads when the flags and the event do not say)
Exit codes: 0 plan printed, 2 usage error or unreadable file.
`;

export async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parseFlags('plan', argv, { ...PLAN_SELECTOR_FLAGS, format: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const format = oneOf('plan', 'format', values.format, ['pretty', 'json'], 'pretty');
  const { plan } = await selectPlan(values, io);
  io.stdout.write(format === 'json' ? `${JSON.stringify(plan, null, 2)}\n` : renderPlan(plan));
  return 0;
}

export function renderPlan(plan: DispatchPlan): string {
  const lines: string[] = [];
  const range = plan.base ? `${plan.base.slice(0, 12)}..${plan.head.slice(0, 12)}` : plan.head.slice(0, 12) || '(no commit)';
  lines.push(`Plan for ${range}${plan.sourceRepo ? ` of ${plan.sourceRepo}` : ''}`);
  if (plan.note) lines.push(`Note: ${plan.note}`);
  if (plan.dispatches.length === 0) {
    lines.push('Nothing to dispatch: no cousin subscribes to the changed files.');
  } else {
    const rows = plan.dispatches.map((d) => [d.repo, d.eventType, d.features.join(', '), String(d.files.length)]);
    lines.push('', renderTable(['cousin', 'event type', 'features', 'files'], rows));
    lines.push('', `${plan.dispatches.length} dispatch${plan.dispatches.length === 1 ? '' : 'es'} to ${new Set(plan.dispatches.map((d) => d.repo)).size} cousin(s).`);
  }
  for (const skipped of plan.skipped) lines.push(`Skipped ${skipped.repo} (${skipped.reason}): ${skipped.features.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
