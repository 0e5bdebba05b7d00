import { describe, expect, it, vi } from 'vitest';
import { createTypingStore, applyTypingEvents, expireTyping, startTypingExpiry, typingNames, typingText } from './typing.js';
import { createTypingNotifier } from './typingNotifier.js';

const typing = (participantId: string, state: 'active' | 'paused' | 'done') =>
  ({ type: 'typing', payload: { conversationId: 1, participantId, state } }) as const;

describe('typing notices from others', () => {
  it('expire 30 s after the last refresh', () => {
    let state = applyTypingEvents({ byConversation: new Map() }, [typing('bob', 'active'), typing('carol', 'active')], 0);
    state = applyTypingEvents(state, [typing('carol', 'active')], 20_000);
    expect(expireTyping(state, 29_999)).toBe(state);
    const expired = expireTyping(state, 30_000);
    expect([...(expired.byConversation.get(1)?.keys() ?? [])]).toEqual(['carol']);
    expect(expireTyping(expired, 50_000).byConversation.get(1)?.size).toBe(0);
  });

  it('are expired by a clock while the window is open', () => {
    const store = createTypingStore();
    store.setState(applyTypingEvents(store.getState(), [typing('bob', 'active')], 0));
    let tick: () => void = () => undefined;
    const stop = vi.fn();
    let now = 10_000;
    const dispose = startTypingExpiry(store, { now: () => now, every: (callback) => { tick = callback; return stop; } });
    tick();
    expect(store.getState().byConversation.get(1)?.size).toBe(1);
    now = 30_000;
    tick();
    expect(store.getState().byConversation.get(1)?.size).toBe(0);
    dispose();
    expect(stop).toHaveBeenCalled();
  });

  it('read as a sentence naming who is actively typing', () => {
    const state = applyTypingEvents({ byConversation: new Map() }, [typing('bob', 'active'), typing('carol', 'paused'), typing('dave', 'active')], 0);
    const names = typingNames(state.byConversation.get(1), (id) => id.toUpperCase());
    expect(names).toEqual(['BOB', 'DAVE']);
    expect(typingText(names)).toBe('BOB and DAVE are typing…');
    expect(typingText(['x'])).toBe('x is typing…');
    expect(typingText(['x', 'y', 'z'])).toBe('Several people are typing…');
    expect(typingText([])).toBe('');
  });
});

describe('the user\'s own typing notices', () => {
  function setup() {
    const sent: string[] = [];
    let now = 0;
    const timers = new Map<number, { callback: () => void; at: number }>();
    let nextTimer = 1;
    const notifier = createTypingNotifier({
      send: (state) => sent.push(`${now}:${state}`),
      now: () => now,
      setTimer: (callback, ms) => { timers.set(nextTimer, { callback, at: now + ms }); return nextTimer++; },
      clearTimer: (handle) => { if (typeof handle === 'number') timers.delete(handle); },
    });
    const advance = (ms: number): void => {
      now += ms;
      for (const [id, timer] of [...timers]) {
        if (timer.at <= now) {
          timers.delete(id);
          timer.callback();
        }
      }
    };
    return { notifier, sent, advance, timers };
  }

  it('sends "active" at most every 3 s while typing, "paused" after 5 s idle, "done" on send', () => {
    const { notifier, sent, advance } = setup();
    notifier.input(true);
    advance(1000);
    notifier.input(true);
    advance(1000);
    notifier.input(true);
    advance(1500);
    notifier.input(true); // 3.5 s after the first "active"
    expect(sent).toEqual(['0:active', '3500:active']);
    advance(5000);
    expect(sent).toEqual(['0:active', '3500:active', '8500:paused']);
    notifier.input(true);
    expect(sent.at(-1)).toBe('8500:active');
    notifier.stop();
    notifier.stop();
    expect(sent.at(-1)).toBe('8500:done');
    expect(sent.filter((item) => item.endsWith('done'))).toHaveLength(1);
  });

  it('sends "done" when the text is cleared or the composer goes away, and leaves no timer', () => {
    const { notifier, sent, timers } = setup();
    notifier.input(true);
    notifier.input(false);
    expect(sent).toEqual(['0:active', '0:done']);
    notifier.input(true);
    notifier.dispose();
    expect(sent.at(-1)).toBe('0:done');
    expect(timers.size).toBe(0);
  });
});
