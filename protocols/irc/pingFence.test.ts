import { describe, expect, it } from 'vitest';
import { DEFAULT_NAME_RULES } from './names.js';
import { PingFence } from './pingFence.js';

const token = (ping: string): string => ping.slice('PING :'.length);

describe('PingFence', () => {
  it('ties a refusal to the oldest unanswered message and confirms the others, each on its own', () => {
    const fence = new PingFence(DEFAULT_NAME_RULES);
    const first = fence.fence('1', 'Bob');
    const second = fence.fence('2', 'bob');
    const third = fence.fence('3', 'bob');
    expect(fence.answered(token(first))).toEqual([{ localId: '1' }]);
    // Bob left between the first and the second message: the refusal comes before the second PONG.
    expect(fence.refused('BOB', 'Bob did not get your message (No such nick/channel).')).toBe(true);
    expect(fence.answered(token(second))).toEqual([{ localId: '2', refusal: 'Bob did not get your message (No such nick/channel).' }]);
    expect(fence.answered(token(third))).toEqual([{ localId: '3' }]);
  });

  it('keeps the first reason of a message refused once per line', () => {
    const fence = new PingFence(DEFAULT_NAME_RULES);
    const ping = fence.fence('1', '#quiet');
    expect(fence.refused('#quiet', 'first')).toBe(true);
    expect(fence.refused('#quiet', 'second')).toBe(true);
    expect(fence.answered(token(ping))).toEqual([{ localId: '1', refusal: 'first' }]);
  });

  it('leaves refusals about other targets, and PONGs that are not its own, to others', () => {
    const fence = new PingFence(DEFAULT_NAME_RULES);
    const ping = fence.fence('1', 'bob');
    expect(fence.refused('carol', 'e.g. a /whois')).toBe(false);
    expect(fence.answered('1733500000')).toBeUndefined(); // irc-framework's lag ping
    expect(fence.answered(token(ping))).toEqual([{ localId: '1' }]);
    expect(fence.refused('bob', 'too late: answered already')).toBe(false);
  });

  it('settles, oldest first, messages whose own PONG was skipped, and forgets everything when the connection is gone', () => {
    const fence = new PingFence(DEFAULT_NAME_RULES);
    fence.fence('1', 'bob');
    const second = fence.fence('2', 'bob');
    expect(fence.answered(token(second))).toEqual([{ localId: '1' }, { localId: '2' }]);
    const third = fence.fence('3', 'bob');
    fence.clear();
    expect(fence.answered(token(third))).toEqual([]);
  });
});
