import { readFile } from 'node:fs/promises';

/**
 * Reads a GITHUB_OUTPUT / GITHUB_ENV file: `name=value` lines and
 * `name<<DELIMITER` … `DELIMITER` blocks for multi-line values.
 * https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#multiline-strings
 */
export function parseCommandFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = '', delimiter = ''] = heredoc;
      const end = lines.indexOf(delimiter, index + 1);
      if (end < 0) throw new Error(`unterminated ${name}<<${delimiter} block in a command file`);
      values[name] = lines.slice(index + 1, end).join('\n');
      index = end;
      continue;
    }
    const equals = line.indexOf('=');
    if (equals < 0) throw new Error(`invalid command file line: ${line}`);
    values[line.slice(0, equals)] = line.slice(equals + 1);
  }
  return values;
}

export async function readCommandFile(file: string): Promise<Record<string, string>> {
  return parseCommandFile(await readFile(file, 'utf8'));
}

export async function readPathFile(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8');
  return text.split(/\r?\n/).filter((line) => line.trim() !== '');
}
