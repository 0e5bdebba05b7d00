/** The history dialogs' state: progress of the run in progress only, and the days picked as bounds. */
import { describe, expect, it } from 'vitest';
import { applyHistoryArchiveEvents, dayBound, IDLE_EXPORT, IDLE_IMPORT, type HistoryArchiveState } from './historyArchive.js';

const idle: HistoryArchiveState = { exportRun: IDLE_EXPORT, importRun: IDLE_IMPORT };

describe('history archive state', () => {
  it('moves the progress of a running export or import, and ignores progress of one that is over', () => {
    const running: HistoryArchiveState = { exportRun: { ...IDLE_EXPORT, status: 'running' }, importRun: { ...IDLE_IMPORT, status: 'running' } };
    const next = applyHistoryArchiveEvents(running, [
      { type: 'history.exportProgress', payload: { done: 2000, total: 5000 } },
      { type: 'history.importProgress', payload: { filesDone: 3, files: 10, messages: 120 } },
    ]);
    expect(next.exportRun).toEqual({ status: 'running', done: 2000, total: 5000 });
    expect(next.importRun).toEqual({ status: 'running', filesDone: 3, files: 10, messages: 120 });
    expect(applyHistoryArchiveEvents(idle, [{ type: 'history.exportProgress', payload: { done: 1, total: 2 } }])).toBe(idle);
  });

  it('reads a picked day as its first or last millisecond in the user\'s zone, and refuses what is no day', () => {
    const start = dayBound('2026-12-06', 'start');
    const end = dayBound('2026-12-06', 'end');
    expect(start).toBe(new Date(2026, 11, 6).getTime());
    expect(end).toBe(new Date(2026, 11, 7).getTime() - 1);
    expect(dayBound('06/12/2026', 'start')).toBeUndefined();
  });
});
