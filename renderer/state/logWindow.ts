/**
 * The message log is windowed by react-virtuoso, which keeps the user's place when older
 * rows are prepended only if the index of the first row goes down by as many rows as were
 * added above it (its `firstItemIndex`). This works that index out from the rows' keys.
 */
import type { LogEntry } from './notices.js';

/** Far above any row count, so that prepending never makes the index negative. */
export const FIRST_ITEM_INDEX = 100_000_000;

export interface LogWindowStart {
  /** The key of the first row when this was worked out (undefined while there are none). */
  readonly firstKey: string | undefined;
  readonly firstItemIndex: number;
}

export const EMPTY_LOG_WINDOW: LogWindowStart = { firstKey: undefined, firstItemIndex: FIRST_ITEM_INDEX };

/** A row's key: unique among messages and notices. */
export function logEntryKey(entry: LogEntry): string {
  return entry.kind === 'message' ? `m${entry.message.id}` : `n${entry.notice.id}`;
}

/**
 * The start after the rows became `entries`: rows added above the old first row lower the
 * index by their number; the same first row keeps it; an old first row that is gone (a
 * reload, another page) starts again. Returns `previous` itself when nothing changed.
 */
export function nextLogWindow(previous: LogWindowStart, entries: readonly LogEntry[]): LogWindowStart {
  const first = entries[0];
  const firstKey = first === undefined ? undefined : logEntryKey(first);
  if (firstKey === previous.firstKey) return previous;
  if (previous.firstKey === undefined || firstKey === undefined) return { firstKey, firstItemIndex: previous.firstItemIndex };
  const moved = entries.findIndex((entry) => logEntryKey(entry) === previous.firstKey);
  return { firstKey, firstItemIndex: moved > 0 ? previous.firstItemIndex - moved : previous.firstItemIndex };
}
