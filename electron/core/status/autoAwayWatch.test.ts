import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AutoAwayWatch, isIdle } from './autoAwayWatch.js';
import { PageActivity, type IdleSource } from './idleSource.js';

beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
afterEach(() => vi.useRealTimers());

describe('isIdle', () => {
  it('is idle from the threshold on, and never with a threshold of 0', () => {
    expect(isIdle(59_999, 60_000)).toBe(false);
    expect(isIdle(60_000, 60_000)).toBe(true);
    expect(isIdle(10 ** 9, 0)).toBe(false);
  });
});

describe('AutoAwayWatch', () => {
  it('with the page\'s activity: idle after the threshold without input, back at the first input', () => {
    const page = new PageActivity(() => Date.now());
    const changes: boolean[] = [];
    const watch = new AutoAwayWatch({ source: page, thresholdMs: () => 60_000, changed: (idle) => changes.push(idle) });
    vi.advanceTimersByTime(30_000);
    page.note(); // input restarts the count
    vi.advanceTimersByTime(59_000);
    expect(changes).toEqual([]);
    vi.advanceTimersByTime(1_000);
    expect(changes).toEqual([true]);
    expect(watch.isIdle).toBe(true);
    vi.advanceTimersByTime(10 * 60_000);
    expect(changes).toEqual([true]);
    page.note();
    expect(changes).toEqual([true, false]);
    expect(vi.getTimerCount()).toBe(1); // the next idle check, nothing else
    watch.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('with the system\'s idle time (no activity event): polls while idle and sees the user back', () => {
    let lastInput = Date.now();
    const system: IdleSource = { idleMs: () => Date.now() - lastInput };
    const changes: boolean[] = [];
    const watch = new AutoAwayWatch({ source: system, thresholdMs: () => 5 * 60_000, changed: (idle) => changes.push(idle), backPollMs: 2_000 });
    vi.advanceTimersByTime(5 * 60_000);
    expect(changes).toEqual([true]);
    lastInput = Date.now() + 500; // input between two looks
    vi.advanceTimersByTime(2_000);
    expect(changes).toEqual([true, false]);
    watch.stop();
  });

  it('never fires with a threshold of 0, and a new threshold applies at the next check', () => {
    const page = new PageActivity(() => Date.now());
    let threshold = 0;
    const changes: boolean[] = [];
    const watch = new AutoAwayWatch({ source: page, thresholdMs: () => threshold, changed: (idle) => changes.push(idle) });
    vi.advanceTimersByTime(24 * 60 * 60_000);
    expect(changes).toEqual([]);
    threshold = 60_000;
    watch.check(); // idle for a day already
    expect(changes).toEqual([true]);
    watch.stop();
  });
});
