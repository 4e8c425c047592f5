import { renderTable } from '../table.js';
import type { DemoChecks, DemoResult } from './run-demo.js';

const CHECK_TEXT: Record<keyof DemoChecks, string> = {
  pwaLeftAlone: 'the pwa cousin was never notified: none of its paths changed',
  localEditKept: "the flask cousin's local edit survived the 3-way sync",
  upstreamChangeMerged: "upstream's change landed next to that local edit",
  conflictReported: 'the conflicting push updated the same PR, labelled conflict',
  onePullPerFeature: 'one open sync PR per cousin and feature, updated in place',
  trailersPresent: 'every sync commit carries Upstream-Repo/-Commit/-Feature trailers',
};

/** The demo in plain words and tables. */
export function renderDemo(result: DemoResult): string {
  const out: string[] = [];
  out.push('Ecosystem Dispatcher demo — a monorepo, three cousins and three pushes, all on a local GitHub (github-sim).', '');
  out.push('Set-up: create-cousin scaffolded each cousin and registered it in the monorepo\'s ecosystem.json.');
  out.push(renderTable(['cousin', 'follows', 'layout'], result.setup.scaffolded.map((c) => [c.repo, c.subscribe.join(', '), c.layout])));
  out.push(`ecosystem lint on the registered ecosystem.json: ${result.setup.lint.ok ? 'no problems' : `${result.setup.lint.problems} problem(s)`}.`, '');
  result.steps.forEach((step, i) => {
    out.push(`Push ${i + 1}: "${step.title}" (${step.commit.slice(0, 12)}) changed ${step.changedFiles.join(', ')}`);
    out.push(`  ecosystem dispatch: ${step.dispatch.delivered} delivered, ${step.dispatch.failed} failed, ${step.dispatch.requests} request(s).`);
    for (const cousin of step.cousins) {
      out.push(`  ${cousin.repo}: ${cousin.story}.`);
      if (cousin.sync) out.push(`    ecosystem sync said: ${cousin.sync.summary}`);
      if (cousin.pull) out.push(`    PR #${cousin.pull.number} head commit: ${Object.entries(cousin.pull.trailers).map(([k, v]) => `${k}: ${v}`).join(' · ')}`);
    }
    const rows = step.cousins.map((c) => [
      c.repo,
      c.notified ? 'yes' : 'no',
      c.pull ? `#${c.pull.number} ${c.pull.action}${c.pull.conflict ? ' (conflict)' : ''}` : '-',
      c.pull ? c.pull.files.join(', ') : '-',
      c.pull?.trailers['Upstream-Commit']?.slice(0, 12) ?? '-',
    ]);
    out.push('', indent(renderTable(['cousin', 'notified', 'pull request', 'files', 'Upstream-Commit'], rows)), '');
  });
  out.push('What this shows:');
  for (const [key, text] of Object.entries(CHECK_TEXT)) out.push(`  ${result.checks[key as keyof DemoChecks] ? 'yes' : 'NO '}  ${text}`);
  out.push('', `Finished in ${result.seconds.toFixed(1)} s.${result.dataDir ? ` The repositories are kept in ${result.dataDir} (<owner>/<repo>.git).` : ''}`);
  return `${out.join('\n')}\n`;
}

function indent(text: string): string {
  return text.split('\n').map((line) => `  ${line}`).join('\n');
}
