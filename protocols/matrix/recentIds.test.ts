/** The bounded id sets of the Matrix worker (recentIds.ts). */
import { describe, expect, it } from 'vitest';
import { RecentIds } from './recentIds.js';

describe('RecentIds', () => {
  it('forgets the oldest beyond its bound; an id added again counts as new; a deleted one leaves room', () => {
    const ids = new RecentIds(3);
    for (const id of ['$a', '$b', '$c']) ids.add(id);
    ids.add('$a');
    ids.add('$d');
    expect(['$a', '$b', '$c', '$d'].filter((id) => ids.has(id))).toEqual(['$a', '$c', '$d']);
    expect(ids.delete('$c')).toBe(true);
    ids.add('$e');
    expect(ids.size).toBe(3);
    ids.add('$f');
    expect(['$a', '$d', '$e', '$f'].filter((id) => ids.has(id))).toEqual(['$d', '$e', '$f']);
  });
});
