import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '@ecosystem-dispatcher/core';
import { didYouMean } from './suggest.js';

export type FlagSpec = NonNullable<ParseArgsConfig['options']>;

export interface ParsedFlags<T extends FlagSpec> {
  values: ReturnType<typeof parseArgs<{ options: T; allowPositionals: true; strict: true; allowNegative: true }>>['values'];
  positionals: string[];
}

/**
 * node:util parseArgs, strict, with its errors turned into one usage line that names the
 * command and points at --help.
 */
export function parseFlags<T extends FlagSpec>(command: string, argv: string[], options: T): ParsedFlags<T> {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true, allowNegative: true });
    return { values, positionals } as ParsedFlags<T>;
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    const unknown = /^Unknown option '(--?[^']+)'/.exec(message)?.[1];
    const hint = unknown ? didYouMean(unknown.replace(/=.*$/s, ''), flagNames(options)) : '';
    throw new UsageError(`${lowerFirst(message)}${hint} (see "ecosystem ${command} --help")`);
  }
}

function flagNames(options: FlagSpec): string[] {
  return Object.entries(options).flatMap(([name, option]) => [`--${name}`, ...(option.type === 'boolean' && option.default === true ? [`--no-${name}`] : [])]);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** For flags that must be one of a fixed set. */
export function oneOf<const T extends string>(_command: string, flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${flag} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
}
