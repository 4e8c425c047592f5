/**
 * GitHub time for the sim: every window, `retry-after` and reset is stated in GitHub
 * seconds, and `secondMs` says how many real milliseconds one lasts. At 1000 the sim
 * runs at GitHub's pace; a rehearsal at `secondMs: 2` lives an hour of limits in 7 s.
 */
export class SimClock {
  constructor(readonly secondMs = 1000) {
    if (!Number.isFinite(secondMs) || secondMs <= 0) throw new Error(`secondMs must be a number > 0, got ${String(secondMs)}`);
  }

  /** Real milliseconds of `seconds` GitHub seconds. */
  ms(seconds: number): number {
    return seconds * this.secondMs;
  }

  /**
   * `x-ratelimit-reset` for a window that ends at real time `endsAt`: the epoch second
   * a client computes its wait from, so `reset - now` is the wait in GitHub seconds.
   */
  resetHeader(endsAt: number, now = Date.now()): number {
    return Math.floor(now / 1000) + Math.ceil(Math.max(endsAt - now, 0) / this.secondMs);
  }
}
