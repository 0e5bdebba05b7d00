import { describe, expect, it } from 'vitest';
import { filterMembershipLines, membershipChange, RECENT_SPEAKER_MS } from './membershipLines.js';
import { message } from './testData.js';

const MIN = 60 * 1000;
const event = (nick: string, body: string, timestamp: number, id: number) => message({ id, kind: 'event', senderId: nick, senderName: nick, body, timestamp });
const said = (nick: string, timestamp: number, id: number) => message({ id, senderId: nick, senderName: nick, body: 'hi', timestamp });

describe('join, part and quit lines in the timeline', () => {
  it('knows a join, a part and a quit from other event lines', () => {
    expect(membershipChange(event('carol', 'carol joined', 0, 1))).toBe('join');
    expect(membershipChange(event('carol', 'carol left (bye)', 0, 1))).toBe('leave');
    expect(membershipChange(event('carol', 'carol quit', 0, 1))).toBe('leave');
    expect(membershipChange(event('carol', 'carol is now known as dave', 0, 1))).toBeUndefined();
    expect(membershipChange(event('carol', 'carol leftover', 0, 1))).toBeUndefined();
    expect(membershipChange(said('carol', 0, 1))).toBeUndefined();
  });

  const items = [
    event('carol', 'carol joined', 0, 1), said('carol', 2 * MIN, 2), event('dave', 'dave joined', 3 * MIN, 3),
    event('carol', 'carol left', 5 * MIN, 4), event('dave', 'dave quit', 30 * MIN, 5), said('bob', 31 * MIN, 6),
    event('carol', 'carol joined', 40 * MIN, 7), event('carol', 'carol quit', 40 * MIN + RECENT_SPEAKER_MS + 1, 8),
  ];
  const ids = (list: readonly { id: number }[]) => list.map((item) => item.id);

  it('all: everything, the very same list', () => {
    expect(filterMembershipLines(items, 'all')).toBe(items);
  });

  it('none: no join, part or quit', () => {
    expect(ids(filterMembershipLines(items, 'none'))).toEqual([2, 6]);
  });

  it('recent: only of people who spoke in the 10 minutes before (or, for a join, after)', () => {
    // carol's first join (she spoke 2 min later) and her part (3 min after speaking) stay;
    // dave never spoke; carol's later join and quit are more than 10 minutes from her words.
    expect(ids(filterMembershipLines(items, 'recent'))).toEqual([1, 2, 4, 6]);
  });

  it('a list without such lines comes back as it is', () => {
    const plain = [said('bob', 0, 1)];
    expect(filterMembershipLines(plain, 'none')).toBe(plain);
  });
});
