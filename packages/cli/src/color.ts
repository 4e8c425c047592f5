import type { CommandIO } from './io.js';

/**
 * Colour on a terminal, off elsewhere; NO_COLOR (https://no-color.org) turns it off and
 * FORCE_COLOR turns it on (Node's and chalk's convention: "0" or "false" means off).
 * NO_COLOR wins when both are set.
 */
export function colorWanted(io: Pick<CommandIO, 'env' | 'isTTY'>): boolean {
  if (io.env.NO_COLOR) return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return Boolean(io.isTTY);
}
