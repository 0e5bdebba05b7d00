import { describe, expect, it } from 'vitest';
import { EMPTY_LOG_WINDOW, FIRST_ITEM_INDEX, nextLogWindow } from './logWindow.js';
import type { LogEntry } from './notices.js';
import { message } from './testData.js';

const rows = (...ids: number[]): LogEntry[] => ids.map((id) => ({ kind: 'message', message: message({ id }) }));

describe('the windowed log\'s first index', () => {
  it('goes down by as many rows as were added above the first one, and stays when rows are added below', () => {
    const opened = nextLogWindow(EMPTY_LOG_WINDOW, rows(10, 11, 12));
    expect(opened).toEqual({ firstKey: 'm10', firstItemIndex: FIRST_ITEM_INDEX });
    expect(nextLogWindow(opened, rows(10, 11, 12, 13))).toBe(opened);
    expect(nextLogWindow(opened, rows(7, 8, 9, 10, 11, 12))).toEqual({ firstKey: 'm7', firstItemIndex: FIRST_ITEM_INDEX - 3 });
  });

  it('counts a notice above the first row like a message, and starts over when the old first row is gone', () => {
    const opened = nextLogWindow(EMPTY_LOG_WINDOW, rows(10));
    const notice: LogEntry = { kind: 'notice', notice: { id: 'help-1', conversationId: 1, timestamp: 0, lines: ['hi'] } };
    expect(nextLogWindow(opened, [notice, ...rows(10)]).firstItemIndex).toBe(FIRST_ITEM_INDEX - 1);
    expect(nextLogWindow(opened, rows(20, 21))).toEqual({ firstKey: 'm20', firstItemIndex: FIRST_ITEM_INDEX });
  });
});
