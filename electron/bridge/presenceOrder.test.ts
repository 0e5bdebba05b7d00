import { describe, expect, it } from 'vitest';
import { comparePresence, isReachable, PRESENCE_ORDER, presenceRank, type PresenceStatus } from './presenceOrder.js';

const every: PresenceStatus[] = ['available', 'chat', 'away', 'busy', 'extended-away', 'offline', 'unknown'];

describe('the presence order', () => {
  it('is libpurple\'s: available (or free to chat) > busy > away > extended away, then unknown, then offline', () => {
    const shuffled: PresenceStatus[] = ['offline', 'away', 'unknown', 'chat', 'extended-away', 'busy', 'available'];
    expect([...shuffled].sort(comparePresence)).toEqual(['chat', 'available', 'busy', 'away', 'extended-away', 'unknown', 'offline']);
    expect(presenceRank('chat')).toBe(presenceRank('available'));
  });

  it('ranks every status once, and only offline and unknown are out of reach', () => {
    expect(PRESENCE_ORDER.flat().sort()).toEqual([...every].sort());
    expect(every.filter((status) => !isReachable(status)).sort()).toEqual(['offline', 'unknown']);
  });
});
