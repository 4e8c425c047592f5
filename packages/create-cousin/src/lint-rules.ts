import { ConfigError, parseCousinConfig, parseEcosystemConfig, type Problem } from '@ecosystem-dispatcher/core';

/** The checks of `ecosystem lint` for an ecosystem.json text. */
export async function lintEcosystemText(text: string, file: string): Promise<Problem[]> {
  return problemsOf(() => parseEcosystemConfig(text, file), file);
}

/** The checks of `ecosystem lint` for a subscriptions.json text. */
export async function lintSubscriptionsText(text: string, file: string): Promise<Problem[]> {
  return problemsOf(() => parseCousinConfig(text, file), file);
}

function problemsOf(parse: () => unknown, file: string): Problem[] {
  try {
    parse();
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const message = error.message.slice(error.message.indexOf(': ') + 2);
    return [{ rule: 'schema', severity: 'error', message, file, line: error.line ?? 1, column: error.column ?? 1 }];
  }
}

export function formatProblem(problem: Problem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.severity} ${problem.message} (${problem.rule})`;
}
