/** The XMPP plugin's lookup tables (authors, stanza-ids, archive ids) keep the newest entries up to their bound. */
import { describe, expect, it } from 'vitest';
import { BoundedMap } from './core.js';

describe('BoundedMap', () => {
  it('forgets the least recently set entry past its bound', () => {
    const map = new BoundedMap<string, number>(3);
    for (const [key, value] of [['a', 1], ['b', 2], ['c', 3]] as const) map.set(key, value);
    map.set('a', 10); // set again: now the newest
    map.set('d', 4);
    expect(map.size).toBe(3);
    expect(map.has('b')).toBe(false);
    expect([map.get('a'), map.get('c'), map.get('d')]).toEqual([10, 3, 4]);
  });

  it('stays at its bound however many entries pass through', () => {
    const map = new BoundedMap<number, number>(1_000);
    for (let i = 0; i < 50_000; i++) map.set(i, i);
    expect(map.size).toBe(1_000);
    expect(map.get(49_000)).toBe(49_000);
    expect(map.get(48_999)).toBeUndefined();
  });
});
