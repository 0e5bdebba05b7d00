/** The bounded collections plugins keep per id, nick or line (bounded.ts). */
import { describe, expect, it } from 'vitest';
import { BoundedMap, BoundedSet } from './bounded.js';

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

  it('keeps forgetting the oldest after it was emptied by deletes and filled again', () => {
    const map = new BoundedMap<string, number>(2);
    for (const key of ['a', 'b', 'c']) map.set(key, 0);
    expect(map.delete('b')).toBe(true);
    expect(map.delete('c')).toBe(true);
    expect(map.size).toBe(0);
    for (const key of ['x', 'y', 'z']) map.set(key, 1);
    expect(['x', 'y', 'z'].filter((key) => map.has(key))).toEqual(['y', 'z']);
  });
});

describe('BoundedSet', () => {
  it('forgets the oldest beyond its bound; an entry added again counts as new; a deleted one leaves room', () => {
    const ids = new BoundedSet<string>(3);
    for (const id of ['$a', '$b', '$c']) ids.add(id);
    ids.add('$a');
    ids.add('$d');
    expect(['$a', '$b', '$c', '$d'].filter((id) => ids.has(id))).toEqual(['$a', '$c', '$d']);
    expect(ids.delete('$c')).toBe(true);
    ids.add('$e');
    expect(ids.size).toBe(3);
    ids.add('$f');
    expect(['$a', '$d', '$e', '$f'].filter((id) => ids.has(id))).toEqual(['$d', '$e', '$f']);
    for (let i = 0; i < 10_000; i++) ids.add(`n${i}`);
    expect(ids.size).toBe(3);
  });
});
