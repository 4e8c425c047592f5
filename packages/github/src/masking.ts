/** Where `announceMasks` writes its workflow commands. */
export interface MaskTarget {
  stdout: { write(text: string): unknown };
  env: Readonly<Record<string, string | undefined>>;
}

export const MASK = '***';

// Very short values would mask ordinary words; GitHub's own masking skips them too.
const MIN_SECRET_LENGTH = 4;
// The BEGIN/END lines of a PEM are public text, the same in every key.
const PEM_ARMOR = /^-----(BEGIN|END) [A-Z ]+-----$/;

/** Replaces every occurrence of every secret (and of each line of a multi-line one) with ***. */
export function maskSecrets(text: string, secrets: Iterable<string>): string {
  let masked = text;
  for (const piece of [...maskablePieces(secrets)].sort((a, b) => b.length - a.length)) {
    masked = masked.split(piece).join(MASK);
  }
  return masked;
}

/**
 * In GitHub Actions, registers each secret with `::add-mask::` so the runner hides it in
 * every later log line — needed for App installation tokens, which Actions never saw as
 * secrets. Multi-line secrets (PEM keys) are registered line by line, as the runner
 * masks per line. Outside Actions it prints nothing.
 */
export function announceMasks(secrets: Iterable<string>, target: MaskTarget): void {
  if (target.env.GITHUB_ACTIONS !== 'true') return;
  for (const piece of maskablePieces(secrets)) target.stdout.write(`::add-mask::${piece}\n`);
}

function* maskablePieces(secrets: Iterable<string>): Generator<string> {
  const seen = new Set<string>();
  for (const secret of secrets) {
    for (const line of secret.split(/\r?\n/)) {
      const piece = line.trim();
      if (piece.length >= MIN_SECRET_LENGTH && !PEM_ARMOR.test(piece) && !seen.has(piece)) {
        seen.add(piece);
        yield piece;
      }
    }
  }
}
