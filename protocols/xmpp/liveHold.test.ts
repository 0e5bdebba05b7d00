/** Live messages held behind a login's archive catch-up (liveHold.ts). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProtocolEvent } from '../api/index.js';
import { LiveHold, MAX_HOLD_MS } from './liveHold.js';

const typing = (conversationId: string): ProtocolEvent => ({ type: 'typing', conversationId, participantId: conversationId, state: 'active' });

afterEach(() => {
  vi.useRealTimers();
});

const message = (networkId: string, body: string): ProtocolEvent => ({
  type: 'message.received',
  message: { conversationId: 'bob@localhost', networkId, senderId: 'bob@localhost', senderName: 'bob', kind: 'text', body, timestamp: 1_700_000_000_000 },
});

describe('LiveHold', () => {
  it('drops a held live message the catch-up handed over too (same conversation and id), and keeps the others', () => {
    const out: ProtocolEvent[] = [];
    const hold = new LiveHold((event) => out.push(event));
    hold.hold();
    hold.emit(message('m1', 'archived before the query ran'));
    hold.emit(message('m2', 'only live'));
    hold.emitArchived(message('m0', 'older'));
    hold.emitArchived(message('m1', 'archived before the query ran'));
    hold.release();
    expect(out).toEqual([message('m0', 'older'), message('m1', 'archived before the query ran'), message('m2', 'only live')]);
    // Not holding: an archived message is not remembered, a live one with its id goes out.
    hold.emitArchived(message('m3', 'scroll-back'));
    hold.emit(message('m3', 'scroll-back'));
    expect(out.slice(3)).toEqual([message('m3', 'scroll-back'), message('m3', 'scroll-back')]);
  });

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
