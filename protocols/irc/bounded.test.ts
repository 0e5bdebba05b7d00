import { describe, expect, it } from 'vitest';
import { BoundedSet, TopEntries } from './bounded.js';

describe('BoundedSet', () => {
  it('forgets the least recently added entries beyond its maximum', () => {
    const set = new BoundedSet(3);
    for (const nick of ['a', 'b', 'c']) set.add(nick);
    set.add('a'); // refreshed: b is now the oldest
    set.add('d');
    expect(['a', 'b', 'c', 'd'].filter((n) => set.has(n))).toEqual(['a', 'c', 'd']);
    for (let i = 0; i < 10_000; i++) set.add(`n${i}`);
    expect(set.size).toBe(3);
  });
});

describe('TopEntries', () => {
  it('keeps the biggest entries of a flood in memory bounded by twice what it keeps', () => {
    const top = new TopEntries<{ id: string; users: number }>(10, (e) => e.users);
    let most = 0;
    for (let i = 0; i < 100_000; i++) {
      top.offer({ id: `#c${i}`, users: (i * 7919) % 100_003 });
      most = Math.max(most, top.held);
    }
    expect(most).toBeLessThanOrEqual(20);
    const result = top.result();
    expect(result).toHaveLength(10);
    expect(result.map((e) => e.users)).toEqual([...result.map((e) => e.users)].sort((a, b) => b - a));
    expect(result[0]?.users).toBe(100_002);
  });
});
