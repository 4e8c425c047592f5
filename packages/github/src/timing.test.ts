import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMING, resolveTiming } from './timing.js';

describe('resolveTiming', () => {
  it("defaults to GitHub's pace: writes 1 s apart, notifications 3 s, 60 s secondary fallback", () => {
    expect(resolveTiming()).toEqual({ secondMs: 1000, writeSpacingSeconds: 1, notificationSpacingSeconds: 3, rateLimitRetries: 3, maxWaitSeconds: 900, secondaryFallbackSeconds: 60 });
  });

  it('keeps defaults for options left undefined and refuses negative or non-numbers', () => {
    expect(resolveTiming({ secondMs: 5, writeSpacingSeconds: undefined })).toEqual({ ...DEFAULT_TIMING, secondMs: 5 });
    expect(() => resolveTiming({ secondMs: -1 })).toThrow(/secondMs must be a number >= 0/);
    expect(() => resolveTiming({ maxWaitSeconds: Number.NaN })).toThrow(/maxWaitSeconds/);
  });
});
