import { describe, expect, it } from 'vitest';
import { TopEntries } from './topEntries.js';

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
