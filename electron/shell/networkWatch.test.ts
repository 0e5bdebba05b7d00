import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchOnlineTransitions } from './networkWatch.js';

afterEach(() => vi.useRealTimers());

describe('watchOnlineTransitions', () => {
  it('calls back once per offline → online transition, not while staying online', () => {
    vi.useFakeTimers();
    const states = [true, true, false, false, true, true, false, true];
    let index = 0;
    const back = vi.fn();
    const stop = watchOnlineTransitions(() => states[Math.min(index++, states.length - 1)] ?? true, back, 1000);
    vi.advanceTimersByTime(7000);
    expect(back).toHaveBeenCalledTimes(2);
    stop();
    vi.advanceTimersByTime(5000);
    expect(back).toHaveBeenCalledTimes(2);
  });
});
