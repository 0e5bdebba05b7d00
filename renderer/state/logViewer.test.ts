import { describe, expect, it } from 'vitest';
import { dayLabel, findParts, messageMatches } from './logViewer.js';
import { message } from './testData.js';

describe('log viewer', () => {
  it('marks every occurrence of the find text in any case, as text', () => {
    expect(findParts('Walrus says walrus', 'WALRUS')).toEqual([
      { text: 'Walrus', marked: true }, { text: ' says ', marked: false }, { text: 'walrus', marked: true },
    ]);
    expect(findParts('<b>walrus</b>', 'b>')).toEqual([
      { text: '<', marked: false }, { text: 'b>', marked: true }, { text: 'walrus</', marked: false }, { text: 'b>', marked: true },
    ]);
    expect(findParts('no match here', '  ')).toEqual([{ text: 'no match here', marked: false }]);
    expect(findParts('', 'x')).toEqual([]);
  });

  it('finds a message by its text or its sender', () => {
    const m = message({ body: 'The walrus sleeps', senderName: 'Bob' });
    expect(messageMatches(m, 'WALRUS')).toBe(true);
    expect(messageMatches(m, 'bob')).toBe(true);
    expect(messageMatches(m, 'penguin')).toBe(false);
    expect(messageMatches(m, '')).toBe(true);
  });

  it('reads a day as its calendar day in any zone, and leaves anything else as it is', () => {
    expect(dayLabel('2026-03-02', 'en-GB')).toMatch(/^Monday,? 2 March 2026$/);
    expect(dayLabel('yesterday', 'en-GB')).toBe('yesterday');
  });
});
