/**
 * What GitHub's write limits allow, and how far a measured run was from it, in GitHub
 * seconds. A run's wall time mixes two things: the requests' own time on this box (a
 * loaded 2-core machine answers a dispatch in tens of milliseconds, which on a scaled
 * clock is whole GitHub seconds) and the time the client chose to wait. Only the second
 * is the planner's: `analyseSchedule` separates them.
 */
import { GITHUB_WRITE_BUDGET, type BudgetWindow } from '@ecosystem-dispatcher/github';

/** GitHub asks for writes one at a time, at least a second apart. */
const SPACING_SECONDS = 1;

/** The earliest start (GitHub s) for the next write after `sent`, no earlier than `from`. */
function earliestStart(sent: number[], from: number, windows: readonly BudgetWindow[]): number {
  // Starts only grow: what left the longest window can never matter again.
  const longest = Math.max(...windows.map((w) => w.seconds));
  while (sent.length > 0 && sent[0]! <= from - longest) sent.shift();
  let t = from;
  for (let moved = true; moved; ) {
    moved = false;
    for (const w of windows) {
      const inWindow = sent.filter((at) => at > t - w.seconds);
      // The write that keeps the window full must leave it first. (In floating point
      // that may land on t itself: then the window is as good as free.)
      const next = inWindow.length >= w.count ? inWindow[inWindow.length - w.count]! + w.seconds : t;
      if (next > t) {
        t = next;
        moved = true;
      }
    }
  }
  return t;
}

/**
 * GitHub seconds from the first write to the last when every write leaves as early as the
 * limits allow. `spacing`: seconds between two writes, more than GitHub's 1 s for a
 * machine that needs longer per write (the floor that box can reach).
 */
export function floorSeconds(writes: number, windows: readonly BudgetWindow[] = GITHUB_WRITE_BUDGET, spacing = SPACING_SECONDS): number {
  const sent: number[] = [];
  let t = 0;
  for (let i = 0; i < writes; i++) {
    t = earliestStart(sent, i === 0 ? 0 : t + Math.max(spacing, SPACING_SECONDS), windows);
    sent.push(t);
  }
  return t;
}

/** One write as the client saw it: when its request left and when its answer came (real ms). */
export interface TimedWrite {
  start: number;
  answer: number;
}

export interface ScheduleAnalysis {
  /** First request out to last answer in. */
  wallSeconds: number;
  floorSeconds: number;
  /** Sum of the requests' own time (request out to answer in). */
  requestSeconds: number;
  /**
   * Waiting the limits did not ask for: between an answer and the next request, the time
   * beyond the earliest start that spacing and windows allowed (given the writes before).
   */
  slackSeconds: number;
}

export function analyseSchedule(writes: readonly TimedWrite[], secondMs: number, windows: readonly BudgetWindow[] = GITHUB_WRITE_BUDGET): ScheduleAnalysis {
  const sorted = [...writes].sort((a, b) => a.start - b.start);
  const t0 = sorted[0]?.start ?? 0;
  const seconds = (ms: number) => (ms - t0) / secondMs;
  const recent: number[] = [];
  let previousStart = 0;
  let requestSeconds = 0;
  let slackSeconds = 0;
  for (const [i, write] of sorted.entries()) {
    const start = seconds(write.start);
    requestSeconds += (write.answer - write.start) / secondMs;
    if (i > 0) {
      const previousAnswer = seconds(sorted[i - 1]!.answer);
      const allowed = earliestStart(recent, previousStart + SPACING_SECONDS, windows);
      slackSeconds += Math.max(0, start - Math.max(previousAnswer, allowed));
    }
    recent.push(start);
    previousStart = start;
  }
  const floor = floorSeconds(sorted.length, windows);
  const last = sorted[sorted.length - 1];
  return {
    wallSeconds: last ? seconds(last.answer) : 0,
    floorSeconds: floor,
    requestSeconds,
    slackSeconds,
  };
}

/** The most writes any window of `seconds` GitHub seconds saw (times in real ms). */
export function busiestWindow(times: readonly number[], seconds: number, secondMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= seconds * secondMs) j += 1;
    most = Math.max(most, i - j + 1);
  }
  return most;
}
