import { describe, expect, it } from 'vitest';
import { MAX_CLOCK_SKEW_MS, believableTime } from './networkTime.js';

const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);

describe('the time stored for a message from the network', () => {
  it('is the network\'s time, old or ahead by what a wrong clock explains (clock skew)', () => {
    // This machine's clock a month behind: the server's true times are kept, for display.
    expect(believableTime(NOW + 30 * 24 * 3_600_000, NOW)).toBe(NOW + 30 * 24 * 3_600_000);
    expect(believableTime(NOW - 1000, NOW)).toBe(NOW - 1000);
    expect(believableTime(Date.UTC(2009, 0, 1), NOW)).toBe(Date.UTC(2009, 0, 1));
    expect(believableTime(0, NOW)).toBe(0);
    expect(believableTime(NOW + MAX_CLOCK_SKEW_MS, NOW)).toBe(NOW + MAX_CLOCK_SKEW_MS);
  });

  it('is the time it arrived when the network\'s cannot be true', () => {
    expect(believableTime(NOW + MAX_CLOCK_SKEW_MS + 1, NOW)).toBe(NOW);
    expect(believableTime(Date.UTC(3000, 0, 1), NOW)).toBe(NOW);
    expect(believableTime(Number.POSITIVE_INFINITY, NOW)).toBe(NOW);
    expect(believableTime(Number.NEGATIVE_INFINITY, NOW)).toBe(NOW);
    expect(believableTime(Number.NaN, NOW)).toBe(NOW);
  });
});
