/**
 * Errors are values with an exit code. Library code throws these; only the CLI entry
 * turns them into one line on stderr and a process exit code.
 *   0 success · 1 the command ran and found problems · 2 usage or I/O error
 */
export class EcosystemError extends Error {
  readonly exitCode: 1 | 2;
  constructor(message: string, exitCode: 1 | 2, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** Bad flags, missing arguments, unreadable files. */
export class UsageError extends EcosystemError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 2, options);
  }
}

/** A configuration file that cannot be parsed or does not match its schema. */
export class ConfigError extends EcosystemError {
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  constructor(message: string, where: { file: string; line?: number; column?: number }) {
    const at = where.line ? `${where.file}:${where.line}:${where.column ?? 1}` : where.file;
    super(`${at}: ${message}`, 2);
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
  }
}

/** The command ran to the end and found problems (lint findings, failed dispatches). */
export class ProblemsFound extends EcosystemError {
  constructor(message: string) {
    super(message, 1);
  }
}

/** A dispatch payload that the receiving side refuses to act on. */
export class RejectedPayload extends EcosystemError {
  constructor(message: string) {
    super(`rejected: ${message}`, 1);
  }
}

/** GitHub answered with an error the command cannot recover from. */
export class GitHubError extends EcosystemError {
  readonly status: number | undefined;
  constructor(message: string, status?: number, options?: { cause?: unknown }) {
    super(message, 1, options);
    this.status = status;
  }
}

/** A git command failed. Carries the command (without credentials) and git's own message. */
export class GitError extends EcosystemError {
  readonly args: readonly string[];
  readonly stderr: string;
  readonly code: number | null;
  constructor(args: readonly string[], stderr: string, code: number | null) {
    const reason = stderr.trim().split('\n').filter(Boolean).pop() ?? `exit code ${code}`;
    super(`git ${args.slice(0, 3).join(' ')} failed: ${reason}`, 2);
    this.args = args;
    this.stderr = stderr;
    this.code = code;
  }
}
