import { describe, expect, it } from 'vitest';
import { chathistoryLimit, monitorLimit } from './serverLimits.js';

describe('server limits from ISUPPORT', () => {
  it('reads MONITOR: a number, no value for no limit, absent for no MONITOR', () => {
    expect(monitorLimit({ MONITOR: '100' })).toBe(100);
    expect(monitorLimit({ MONITOR: '' })).toBe(Infinity);
    expect(monitorLimit({ MONITOR: true })).toBe(Infinity);
    expect(monitorLimit({})).toBeUndefined();
  });

  it('asks for CHATHISTORY only with the capability, within the server limit and at most 1000', () => {
    expect(chathistoryLimit([], { CHATHISTORY: '50' })).toBeUndefined();
    expect(chathistoryLimit(['draft/chathistory'], { CHATHISTORY: '50' })).toBe(50);
    expect(chathistoryLimit(['chathistory'], { CHATHISTORY: '5000' })).toBe(1000);
    expect(chathistoryLimit(['draft/chathistory'], {})).toBe(100);
    expect(chathistoryLimit(['draft/chathistory'], { CHATHISTORY: '0' })).toBe(100);
    expect(chathistoryLimit(['draft/chathistory'], { CHATHISTORY: 'lots' })).toBe(100);
  });
});
