import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KeepAlive } from './keepAlive.js';

describe('KeepAlive', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('probes once after the interval of silence, drops after the timeout, and any line starts over', () => {
    const calls: string[] = [];
    const keepAlive = new KeepAlive({ intervalMs: 1_000, timeoutMs: 3_000 }, {
      watching: () => true, probe: () => calls.push('probe'), dead: () => calls.push('dead'),
    });
    vi.advanceTimersByTime(2_000);
    expect(calls).toEqual(['probe']);
    keepAlive.received();
    vi.advanceTimersByTime(2_500);
    expect(calls).toEqual(['probe', 'probe']);
    vi.advanceTimersByTime(500);
    expect(calls).toEqual(['probe', 'probe', 'dead']);
    keepAlive.stop();
    vi.advanceTimersByTime(10_000);
    expect(calls).toHaveLength(3);
  });

  it('does nothing while there is no connection to watch', () => {
    const calls: string[] = [];
    const keepAlive = new KeepAlive({ intervalMs: 1_000, timeoutMs: 3_000 }, {
      watching: () => false, probe: () => calls.push('probe'), dead: () => calls.push('dead'),
    });
    vi.advanceTimersByTime(10_000);
    expect(calls).toEqual([]);
    keepAlive.stop();
  });
});
