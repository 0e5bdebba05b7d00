/**
 * The desktop app's idle time for auto-away: the whole system's (keyboard and mouse in any
 * application), as Electron's powerMonitor.getSystemIdleTime() gives it in seconds.
 * It has no "user is back" event, so the core's auto-away watch polls it while idle.
 */
import type { IdleSource } from '../core/status/idleSource.js';

export function systemIdleSource(powerMonitor: { getSystemIdleTime(): number }): IdleSource {
  return { idleMs: () => powerMonitor.getSystemIdleTime() * 1000 };
}
