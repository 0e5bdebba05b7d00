/**
 * The export and the import the user runs from the history dialogs: where each stands
 * (idle, running with its progress, finished with what it did, failed or cancelled in words).
 * Progress comes as events (history.exportProgress, history.importProgress).
 */
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import { createStore, type StoreApi } from 'zustand/vanilla';

export type RunStatus = 'idle' | 'running' | 'done' | 'failed' | 'cancelled';

export interface ExportRun {
  readonly status: RunStatus;
  readonly done: number;
  readonly total: number;
  /** What finished: "Exported N messages in M conversations to PATH.", or why it did not. */
  readonly message?: string;
}

export interface ImportRun {
  readonly status: RunStatus;
  readonly filesDone: number;
  readonly files: number;
  readonly messages: number;
  /** The core's summary ("12,345 messages in 210 conversations; …"), or why it failed. */
  readonly message?: string;
}

export interface HistoryArchiveState {
  readonly exportRun: ExportRun;
  readonly importRun: ImportRun;
}

export const IDLE_EXPORT: ExportRun = { status: 'idle', done: 0, total: 0 };
export const IDLE_IMPORT: ImportRun = { status: 'idle', filesDone: 0, files: 0, messages: 0 };

export function createHistoryArchiveStore(): StoreApi<HistoryArchiveState> {
  return createStore<HistoryArchiveState>()(() => ({ exportRun: IDLE_EXPORT, importRun: IDLE_IMPORT }));
}

/** Progress of the runs in progress (events of a run already over are old news). */
export function applyHistoryArchiveEvents(state: HistoryArchiveState, events: readonly BridgeEvent[]): HistoryArchiveState {
  let next = state;
  for (const event of events) {
    if (event.type === 'history.exportProgress' && next.exportRun.status === 'running') {
      next = { ...next, exportRun: { ...next.exportRun, ...event.payload } };
    } else if (event.type === 'history.importProgress' && next.importRun.status === 'running') {
      next = { ...next, importRun: { ...next.importRun, ...event.payload } };
    }
  }
  return next;
}

/** A day the user picked (YYYY-MM-DD, their own time zone) as ms: its first or its last millisecond. */
export function dayBound(day: string, end: 'start' | 'end'): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const start = new Date(`${day}T00:00:00`).getTime();
  if (Number.isNaN(start)) return undefined;
  if (end === 'start') return start;
  const next = new Date(start);
  next.setDate(next.getDate() + 1);
  return next.getTime() - 1;
}
