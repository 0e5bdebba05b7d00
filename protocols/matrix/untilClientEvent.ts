/**
 * Waits until `ready()` answers, checking again on each of the client's `events`; rejects
 * with `timeoutError` after `timeoutMs`. Listeners and the timer are always removed.
 */
import type { MatrixClient } from 'matrix-js-sdk';
import type { ProtocolError } from '../api/index.js';

type ClientEventName = Parameters<MatrixClient['on']>[0];

export function untilClientEvent<T>(client: MatrixClient, events: readonly ClientEventName[], ready: () => T | undefined,
  timeoutMs: number, timeoutError: () => ProtocolError): Promise<T> {
  const now = ready();
  if (now !== undefined) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const value = ready();
      if (value === undefined) return;
      cleanup();
      resolve(value);
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(timeoutError());
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      for (const event of events) client.off(event, check);
    };
    for (const event of events) client.on(event, check);
  });
}
