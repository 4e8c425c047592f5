import { UsageError } from '@ecosystem-dispatcher/core';

/** At most `count` content-creating requests in any `seconds` GitHub seconds. */
export interface BudgetWindow {
  count: number;
  seconds: number;
}

/**
 * GitHub's secondary limits for content-creating requests of one identity: about 80 per
 * minute and 500 per hour. A write also costs 5 of the 900 points per minute, so points
 * allow 180 writes a minute: never the binding limit, but kept so a GHES budget that
 * raises the content limits still stays inside the points.
 * https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits
 */
export const GITHUB_WRITE_BUDGET: readonly BudgetWindow[] = [
  { count: 80, seconds: 60 },
  { count: 500, seconds: 3600 },
];
export const POINTS_PER_MINUTE = 900;
export const WRITE_POINTS = 5;

const UNITS: Record<string, number> = { s: 1, sec: 1, m: 60, min: 60, h: 3600, hour: 3600 };

/** Reads `80/min,500/h` (units s, min, h). Throws a UsageError naming the bad part. */
export function parseWriteBudget(text: string, flag = '--write-budget'): BudgetWindow[] {
  const windows = text.split(',').map((part) => part.trim()).filter(Boolean).map((part) => {
    const match = /^(\d+)\s*\/\s*(\d*)\s*([a-z]+)$/i.exec(part);
    const unit = match ? UNITS[match[3]!.toLowerCase()] : undefined;
    const count = match ? Number(match[1]) : 0;
    const multiple = match && match[2] ? Number(match[2]) : 1;
    if (!match || !unit || count < 1 || multiple < 1) {
      throw new UsageError(`${flag} ${JSON.stringify(part)} is not COUNT/UNIT (e.g. 80/min,500/h; units s, min, h)`);
    }
    return { count, seconds: unit * multiple };
  });
  if (windows.length === 0) throw new UsageError(`${flag} is empty; e.g. 80/min,500/h`);
  return windows;
}

export interface WriteBudgetOptions {
  /** Milliseconds per GitHub second (default 1000); benchmarks and tests shrink it. */
  secondMs?: number;
  now?: () => number;
  /**
   * Times (epoch ms) of writes this identity already made, as `spent()` returned them in
   * an earlier run: a run started within the hour then counts them against its windows.
   */
  spent?: readonly number[];
}

/**
 * The content-creation budget of one identity, as sliding windows over the times of the
 * writes it sent. `take` waits until every window has room, so a run planned through it
 * gets no secondary-limit answer from GitHub; `pause` holds every write after a
 * secondary limit came anyway (another process on the same token).
 */
export class WriteBudget {
  readonly windows: readonly BudgetWindow[];
  private readonly secondMs: number;
  private readonly now: () => number;
  private readonly sent: { at: number }[] = [];
  private pausedUntil = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(windows: readonly BudgetWindow[] = GITHUB_WRITE_BUDGET, options: WriteBudgetOptions = {}) {
    const points = { count: Math.floor(POINTS_PER_MINUTE / WRITE_POINTS), seconds: 60 };
    this.windows = [...windows, ...(windows.some((w) => w.seconds === 60 && w.count <= points.count) ? [] : [points])];
    this.secondMs = options.secondMs ?? 1000;
    this.now = options.now ?? Date.now;
    const since = this.now() - this.longestMs();
    for (const at of [...(options.spent ?? [])].sort((a, b) => a - b)) {
      if (Number.isFinite(at) && at > since) this.sent.push({ at });
    }
  }

  /**
   * Times (epoch ms) of the writes still inside a window, for the next run's `spent`:
   * kept with the outbox so two runs within the hour share one budget, as at GitHub.
   */
  spent(): number[] {
    const since = this.now() - this.longestMs();
    return this.sent.filter((write) => write.at > since).map((write) => write.at);
  }

  /** Milliseconds until the next write fits every window (0: now). */
  delayMs(): number {
    const now = this.now();
    let ready = Math.max(now, this.pausedUntil);
    // Moving past one window's wait may fill another: repeat until every window has room.
    for (let moved = true; moved; ) {
      moved = false;
      for (const window of this.windows) {
        const span = window.seconds * this.secondMs;
        const inWindow = this.sent.filter((write) => write.at > ready - span).map((write) => write.at).sort((a, b) => a - b);
        if (inWindow.length < window.count) continue;
        // The write that keeps the window full must leave it first.
        ready = inWindow[inWindow.length - window.count]! + span + 1;
        moved = true;
      }
    }
    return ready - now;
  }

  /**
   * Waits for room in every window, then counts one write. Call the returned function when
   * the answer is back: the write is then dated at its answer, never earlier than GitHub
   * saw it, so the window the client keeps never frees before GitHub's does.
   */
  take(): Promise<() => void> {
    const turn = this.queue.then(async () => {
      for (let delay = this.delayMs(); delay > 0; delay = this.delayMs()) await sleep(delay);
      return this.record();
    });
    this.queue = turn.then(() => {}, () => {});
    return turn;
  }

  /** Holds every write for `seconds` GitHub seconds from now. */
  pause(seconds: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + seconds * this.secondMs);
  }

  /** Writes sent in the last `seconds` GitHub seconds. */
  usedWithin(seconds: number): number {
    const since = this.now() - seconds * this.secondMs;
    return this.sent.filter((write) => write.at > since).length;
  }

  private longestMs(): number {
    return Math.max(...this.windows.map((w) => w.seconds)) * this.secondMs;
  }

  private record(): () => void {
    const now = this.now();
    const entry = { at: now };
    this.sent.push(entry);
    const longest = this.longestMs();
    while (this.sent.length > 0 && this.sent[0]!.at <= now - longest) this.sent.shift();
    return () => {
      entry.at = Math.max(entry.at, this.now());
    };
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
