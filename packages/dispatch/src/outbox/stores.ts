import { randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { GitError, ProblemsFound, UsageError, type Git } from '@ecosystem-dispatcher/core';
import { emptyOutbox, parseOutbox, type Outbox } from './state.js';

/** Where the outbox lives between runs. */
export interface OutboxStore {
  /** Said in messages: the file, or the remote ref. */
  readonly where: string;
  load(): Promise<Outbox>;
  /** Serialises `outbox` before its first await: the caller keeps changing it. */
  save(outbox: Outbox): Promise<void>;
}

/** `--state FILE`: for runs outside Actions and for tests. Written whole, then renamed, so a kill never leaves half a file. */
export class FileStore implements OutboxStore {
  constructor(readonly where: string) {}

  async load(): Promise<Outbox> {
    let text: string;
    try {
      text = await readFile(this.where, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyOutbox();
      throw new UsageError(`cannot read ${this.where}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    return parseOutbox(text, this.where);
  }

  async save(outbox: Outbox): Promise<void> {
    const text = `${JSON.stringify(outbox, null, 1)}\n`;
    const temporary = `${this.where}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(temporary, text, 'utf8');
      await rename(temporary, this.where);
    } catch (error) {
      throw new UsageError(`cannot write ${this.where}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
}

export const OUTBOX_REF = 'refs/ecosystem/outbox';
const OUTBOX_FILE = 'outbox.json';
const COMMITTER = { GIT_AUTHOR_NAME: 'ecosystem dispatch', GIT_AUTHOR_EMAIL: 'ecosystem-dispatch@users.noreply.github.com', GIT_COMMITTER_NAME: 'ecosystem dispatch', GIT_COMMITTER_EMAIL: 'ecosystem-dispatch@users.noreply.github.com' };

/**
 * The outbox on a ref of the monorepo (default refs/ecosystem/outbox), as one file in a
 * commit whose parent is the previous state. Written with git push, not the REST API:
 * saving costs nothing of the REST write budget the dispatches need, and needs only
 * `contents: write` on the monorepo. Each save is a fast-forward, so two runs that
 * raced would see the second push refused rather than lose the first one's state.
 */
export class GitRefStore implements OutboxStore {
  readonly where: string;
  private parent: string | undefined;

  constructor(
    private readonly git: Git,
    private readonly remote = 'origin',
    private readonly ref = OUTBOX_REF,
  ) {
    this.where = `${ref} of ${remote}`;
  }

  async load(): Promise<Outbox> {
    const fetched = await this.git.run(['fetch', '--no-tags', '--quiet', '--end-of-options', this.remote, `+${this.ref}:${this.ref}`], { okCodes: [128] });
    if (fetched.code !== 0) {
      if (/couldn't find remote ref/i.test(fetched.stderr)) return emptyOutbox();
      throw new GitError(['fetch', this.remote, this.ref], fetched.stderr, fetched.code);
    }
    this.parent = (await this.git.output(['rev-parse', '--verify', `${this.ref}^{commit}`])).trim();
    const text = await this.git.output(['cat-file', 'blob', `${this.parent}:${OUTBOX_FILE}`]);
    return parseOutbox(text, `${OUTBOX_FILE} on ${this.where}`);
  }

  async save(outbox: Outbox): Promise<void> {
    const text = `${JSON.stringify(outbox, null, 1)}\n`;
    const blob = (await this.git.output(['hash-object', '-w', '--stdin'], { input: text })).trim();
    const tree = (await this.git.output(['mktree'], { input: `100644 blob ${blob}\t${OUTBOX_FILE}\n` })).trim();
    const message = `outbox: planned through ${outbox.plannedThrough ?? 'nothing'}`;
    const commit = (await this.git.output(['commit-tree', tree, ...(this.parent ? ['-p', this.parent] : []), '-m', message], { env: COMMITTER })).trim();
    const pushed = await this.git.run(['push', '--quiet', '--no-verify', '--end-of-options', this.remote, `${commit}:${this.ref}`], { okCodes: [1] });
    if (pushed.code !== 0) {
      // Not a fast-forward: another run saved meanwhile. Never overwrite its state.
      const rejected = /\[rejected\]|non-fast-forward|fetch first/.test(pushed.stderr);
      throw rejected ? new ProblemsFound(`${this.where} moved while this run held it (another dispatch run?); it was not overwritten, and the next run starts from it`) : new GitError(['push', this.remote, this.ref], pushed.stderr, pushed.code);
    }
    this.parent = commit;
  }
}

/**
 * Saves in the background while the run goes on: at most one save in flight, and the
 * newest state waiting behind it, so a slow store (a push) never holds up a dispatch
 * and a kill loses at most the states since the last save that landed.
 */
export class OutboxSaver {
  private inFlight: Promise<void> | undefined;
  private latest: Outbox | undefined;
  private dirty = false;
  private failure: unknown;
  private saves = 0;

  constructor(private readonly store: OutboxStore) {}

  /** How many saves reached the store. */
  get saveCount(): number {
    return this.saves;
  }

  /**
   * Asks for the outbox to be saved. The state is read when the save starts (each store
   * serialises it before its first await), so a burst of requests costs one save of the
   * newest state, not one copy per request: at 10,000 cousins the outbox is megabytes.
   */
  request(outbox: Outbox): void {
    this.latest = outbox;
    this.dirty = true;
    this.inFlight ??= this.drain();
  }

  /** Waits until the newest requested state is saved; throws the first save failure. */
  async flush(): Promise<void> {
    while (this.inFlight) await this.inFlight;
    if (this.failure) throw this.failure;
  }

  private async drain(): Promise<void> {
    try {
      // Let the caller finish its synchronous step first: the request comes mid-update.
      await Promise.resolve();
      while (this.dirty && this.latest) {
        this.dirty = false;
        await this.store.save(this.latest);
        this.saves += 1;
      }
    } catch (error) {
      this.failure ??= error;
    } finally {
      this.inFlight = undefined;
    }
  }
}
