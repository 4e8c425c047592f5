/**
 * `--schedule CRON`: GitHub's `on.schedule` cron, checked here so a typo fails at
 * generation time with one line instead of a workflow GitHub never runs. GitHub takes
 * POSIX cron: five fields, `*`, lists `,`, ranges `-`, steps `/`, month and weekday names;
 * no `@hourly` macros, no seconds field (docs: "Events that trigger workflows", schedule).
 */

interface Field {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const FIELDS: readonly Field[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  // 7 is Sunday too, as in POSIX cron.
  { name: 'day of week', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];

/** What is wrong with a cron expression, in words that say how to fix it; undefined when GitHub accepts it. */
export function scheduleProblem(cron: string): string | undefined {
  const parts = cron.trim().split(/\s+/).filter(Boolean);
  if (parts.length !== 5) {
    return `has ${parts.length} field(s); GitHub's cron has 5 (minute hour day-of-month month day-of-week), e.g. "17 * * * *" for hourly`;
  }
  for (const [i, part] of parts.entries()) {
    const problem = fieldProblem(part, FIELDS[i]!);
    if (problem) return `${FIELDS[i]!.name} field ${JSON.stringify(part)} ${problem}`;
  }
  return undefined;
}

function fieldProblem(part: string, field: Field): string | undefined {
  for (const item of part.split(',')) {
    const match = /^(\*|[^/-]+(?:-[^/-]+)?)(?:\/(\d+))?$/.exec(item);
    if (!match) return `is not a value, range, list or step (${field.min}-${field.max})`;
    if (match[2] !== undefined && Number(match[2]) < 1) return 'has a step of 0';
    if (match[1] === '*') continue;
    const bounds = match[1]!.split('-').map((value) => valueOf(value, field));
    if (bounds.some((value) => value === undefined)) return `is outside ${field.min}-${field.max}${field.names ? ` (or ${field.names[0]}-${field.names.at(-1)})` : ''}`;
    if (bounds.length === 2 && bounds[0]! > bounds[1]!) return 'is a range that ends before it starts';
  }
  return undefined;
}

function valueOf(text: string, field: Field): number | undefined {
  const named = field.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named !== -1) return named + (field.min === 1 ? 1 : 0);
  if (!/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value >= field.min && value <= field.max ? value : undefined;
}

/** The values a valid field selects. */
function selected(part: string, field: Field): Set<number> {
  const values = new Set<number>();
  for (const item of part.split(',')) {
    const [range = '*', step = '1'] = item.split('/');
    const [from, to] = range === '*' ? [field.min, field.max] : range.includes('-') ? range.split('-').map((v) => valueOf(v, field)!) : [valueOf(range, field)!, item.includes('/') ? field.max : valueOf(range, field)!];
    for (let value = from!; value <= to!; value += Number(step)) values.add(field.name === 'day of week' ? value % 7 : value);
  }
  return values;
}

/**
 * How often a valid expression runs in an average month (a year of 365 days, over 12),
 * for the Actions-minutes note: cron ORs day-of-month and day-of-week when both are set.
 */
export function runsPerMonth(cron: string): number {
  const parts = cron.trim().split(/\s+/);
  const [minutes, hours, days, months, weekdays] = parts.map((part, i) => selected(part, FIELDS[i]!));
  const anyDay = parts[2] === '*';
  const anyWeekday = parts[4] === '*';
  let matchingDays = 0;
  const day = new Date(Date.UTC(2025, 0, 1));
  for (let i = 0; i < 365; i++, day.setUTCDate(day.getUTCDate() + 1)) {
    if (!months!.has(day.getUTCMonth() + 1)) continue;
    const byDate = days!.has(day.getUTCDate());
    const byWeekday = weekdays!.has(day.getUTCDay());
    const runs = anyDay || anyWeekday ? byDate && byWeekday : byDate || byWeekday;
    if (runs) matchingDays += 1;
  }
  return Math.round((matchingDays * minutes!.size * hours!.size) / 12);
}
