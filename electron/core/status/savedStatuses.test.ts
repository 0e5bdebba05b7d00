import { describe, expect, it } from 'vitest';
import { MAX_SAVED_STATUSES } from '../../bridge/userStatus.js';
import { forgetSavedStatus, saveStatus, useSavedStatus } from './savedStatuses.js';

describe('saved statuses', () => {
  it('lists the most recently used first and replaces one of the same name', () => {
    let list = saveStatus([], 'Meeting', { status: 'busy', message: 'in a meeting' }, 1);
    list = saveStatus(list, '  Lunch  ', { status: 'away', message: ' ' }, 2);
    expect(list.map((s) => s.name)).toEqual(['Lunch', 'Meeting']);
    expect(list[0]).toEqual({ name: 'Lunch', status: 'away', lastUsed: 2 });
    list = useSavedStatus(list, 'Meeting', 3);
    expect(list.map((s) => s.name)).toEqual(['Meeting', 'Lunch']);
    list = saveStatus(list, 'lunch', { status: 'away', message: 'back at 2' }, 4);
    expect(list).toEqual([
      { name: 'lunch', status: 'away', message: 'back at 2', lastUsed: 4 },
      { name: 'Meeting', status: 'busy', message: 'in a meeting', lastUsed: 3 },
    ]);
    expect(forgetSavedStatus(list, 'Meeting').map((s) => s.name)).toEqual(['lunch']);
  });

  it('keeps at most MAX_SAVED_STATUSES, dropping the least recently used, and refuses a blank name', () => {
    let list = saveStatus([], 'oldest', { status: 'away' }, 0);
    for (let i = 1; i <= MAX_SAVED_STATUSES; i++) list = saveStatus(list, `s${String(i)}`, { status: 'away' }, i);
    expect(list).toHaveLength(MAX_SAVED_STATUSES);
    expect(list.some((s) => s.name === 'oldest')).toBe(false);
    expect(() => saveStatus(list, '   ', { status: 'away' }, 99)).toThrow('A saved status needs a name.');
  });
});
