import { randomUUID } from 'node:crypto';
import { appendFile } from 'node:fs/promises';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Appends step outputs to $GITHUB_OUTPUT in the `name<<DELIMITER` form, which is safe for
 * any value, multi-line included; the delimiter is random, as @actions/core does, so a
 * value can never end the block early. Does nothing outside Actions.
 */
export async function writeStepOutputs(env: Env, outputs: Record<string, string>): Promise<boolean> {
  const file = env.GITHUB_OUTPUT;
  if (!file) return false;
  let text = '';
  for (const [name, value] of Object.entries(outputs)) {
    const delimiter = `ghadelimiter_${randomUUID()}`;
    text += `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
  }
  await appendFile(file, text, 'utf8');
  return true;
}

/** Appends markdown to $GITHUB_STEP_SUMMARY (the job's summary page). Does nothing outside Actions. */
export async function appendStepSummary(env: Env, markdown: string): Promise<boolean> {
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file) return false;
  await appendFile(file, markdown, 'utf8');
  return true;
}
