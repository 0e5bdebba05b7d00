/** The log viewer's requests to the core, in the window's time zone (state/logViewer.ts). */
import type { ActionContext } from './actionContext.js';
import { windowTimeZone, type LogDay, type LogDayPage, type LogSubject, type LogTarget } from './logViewer.js';

export interface LogViewerActions {
  /** Opens "View log" for a room or chat, a buddy or a person. */
  openLog(target: LogTarget): void;
  /** The days with messages, newest first. */
  logDays(subject: LogSubject): Promise<readonly LogDay[]>;
  readLogDay(subject: LogSubject, day: string): Promise<LogDayPage>;
}

export function createLogViewerActions({ client, stores }: ActionContext, timeZone: () => string = windowTimeZone): LogViewerActions {
  return {
    openLog: (target) => stores.ui.setState({ dialog: { kind: 'view-log', target } }),
    logDays: (subject) => client().request('logs.days', { subject, timeZone: timeZone() }),
    readLogDay: (subject, day) => client().request('logs.read', { subject, timeZone: timeZone(), day }),
  };
}
