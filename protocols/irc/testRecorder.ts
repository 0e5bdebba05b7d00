/**
 * Test support (not part of the plugin): a ConnectionContext that records every event, with
 * in-memory storage that can be handed to a second connection (the core's reconnect).
 */
import type { ConnectionContext, IncomingMessage, PluginStorage, ProtocolEvent } from '../api/index.js';

export interface Recorder {
  readonly context: ConnectionContext;
  readonly events: ProtocolEvent[];
  readonly warnings: string[];
  received(): IncomingMessage[];
  waitFor<T>(description: string, find: () => T | undefined, timeoutMs?: number): Promise<T>;
  /** Like waitFor, but looks at each event once (linear, for floods). */
  waitForEvent(description: string, match: (event: ProtocolEvent) => boolean, timeoutMs?: number): Promise<ProtocolEvent>;
}

export function memoryStorage(): PluginStorage {
  const values = new Map<string, string>();
  return {
    get: (key) => Promise.resolve(values.has(key) ? JSON.parse(values.get(key) ?? 'null') as unknown : undefined),
    set: (key, value) => {
      values.set(key, JSON.stringify(value));
      return Promise.resolve();
    },
    delete: (key) => {
      values.delete(key);
      return Promise.resolve();
    },
  };
}

export function recorder(settings: ConnectionContext['settings'], storage: PluginStorage = memoryStorage()): Recorder {
  const events: ProtocolEvent[] = [];
  const warnings: string[] = [];
  const listeners = new Set<() => void>();
  const context: ConnectionContext = {
    accountId: 'test', settings, storage, dataDir: '/nonexistent',
    emit: (event) => {
      events.push(event);
      for (const listener of [...listeners]) listener();
    },
    log: { debug: () => undefined, info: () => undefined, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) },
    secrets: { get: () => Promise.resolve(undefined), set: () => Promise.resolve(), delete: () => Promise.resolve() },
  };
  const waitFor = <T>(description: string, find: () => T | undefined, timeoutMs = 5_000): Promise<T> => {
    const now = find();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise<T>((resolve, reject) => {
      const listener = (): void => {
        const value = find();
        if (value === undefined) return;
        listeners.delete(listener);
        clearTimeout(timer);
        resolve(value);
      };
      const timer = setTimeout(() => {
        listeners.delete(listener);
        reject(new Error(`timed out waiting for ${description}; last events:\n${events.slice(-8).map((e) => JSON.stringify(e)).join('\n')}`));
      }, timeoutMs);
      listeners.add(listener);
    });
  };
  return {
    context, events, warnings, waitFor,
    waitForEvent(description: string, match: (event: ProtocolEvent) => boolean, timeoutMs = 5_000): Promise<ProtocolEvent> {
      let cursor = 0;
      return waitFor(description, () => {
        for (; cursor < events.length; cursor++) {
          const event = events[cursor];
          if (event && match(event)) return event;
        }
        return undefined;
      }, timeoutMs);
    },
    received: () => events.flatMap((e) => (e.type === 'message.received' ? [e.message] : [])),
  };
}
