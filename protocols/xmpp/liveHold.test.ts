/** Live messages held behind a login's archive catch-up (liveHold.ts). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProtocolEvent } from '../api/index.js';
import { LiveHold, MAX_HOLD_MS } from './liveHold.js';

const typing = (conversationId: string): ProtocolEvent => ({ type: 'typing', conversationId, participantId: conversationId, state: 'active' });

afterEach(() => {
  vi.useRealTimers();
});

describe('LiveHold', () => {
  it('passes events through until a login holds them, then lets them out in order on release, and passes through after', () => {
    const out: ProtocolEvent[] = [];
    const hold = new LiveHold((event) => out.push(event));
    hold.emit(typing('a'));
    expect(out).toEqual([typing('a')]);
    hold.hold();
    hold.emit(typing('b'));
    hold.emit(typing('c'));
    expect(out).toEqual([typing('a')]);
    hold.release();
    expect(out).toEqual([typing('a'), typing('b'), typing('c')]);
    hold.emit(typing('d'));
    hold.release(); // a second release (the session ended as well) changes nothing
    expect(out).toEqual([typing('a'), typing('b'), typing('c'), typing('d')]);
  });

  it('lets held events out after MAX_HOLD_MS when the catch-up does not end', () => {
    vi.useFakeTimers();
    const out: ProtocolEvent[] = [];
    const hold = new LiveHold((event) => out.push(event));
    hold.hold();
    hold.emit(typing('b'));
    vi.advanceTimersByTime(MAX_HOLD_MS - 1);
    expect(out).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(out).toEqual([typing('b')]);
    hold.emit(typing('c'));
    expect(out).toEqual([typing('b'), typing('c')]);
  });
});
