import { describe, expect, it } from 'vitest';
import { untilOwnDeviceKeysPublished } from './deviceKeysPublished.js';

function world(publishedAfter: number) {
  const stored = new Map<string, unknown>();
  const warnings: string[] = [];
  let queries = 0;
  const context = {
    storage: { get: (key: string) => Promise.resolve(stored.get(key)), set: (key: string, value: unknown) => { stored.set(key, value); return Promise.resolve(); }, delete: () => Promise.resolve() },
    log: { info: () => undefined, warn: (line: string) => void warnings.push(line), error: () => undefined },
  };
  const client = {
    downloadKeysForUsers: (users: string[]) => {
      queries++;
      const devices = queries > publishedAfter ? { DEV: {} } : {};
      return Promise.resolve({ device_keys: Object.fromEntries(users.map((user) => [user, devices])), failures: {} });
    },
  };
  return { context, client, warnings, queries: () => queries };
}

const wait = { timeoutMs: 1_000, intervalMs: 1, isStopped: () => false };

describe('untilOwnDeviceKeysPublished', () => {
  it('waits until the homeserver shows the device, once per device', async () => {
    const w = world(3);
    await untilOwnDeviceKeysPublished(w.context as never, w.client as never, '@a:x', 'DEV', wait);
    expect(w.queries()).toBe(4);
    await untilOwnDeviceKeysPublished(w.context as never, w.client as never, '@a:x', 'DEV', wait);
    expect(w.queries()).toBe(4);
  });

  it('gives up after its time with a warning in words, and asks again at the next login', async () => {
    const w = world(Number.POSITIVE_INFINITY);
    await untilOwnDeviceKeysPublished(w.context as never, w.client as never, '@a:x', 'DEV', { ...wait, timeoutMs: 20 });
    expect(w.warnings).toEqual(["Matrix: this device's keys were not on the homeserver within 0.02 s; messages sent to it meanwhile may not be readable here."]);
    const before = w.queries();
    await untilOwnDeviceKeysPublished(w.context as never, w.client as never, '@a:x', 'DEV', { ...wait, timeoutMs: 0 });
    expect(w.queries()).toBe(before + 1);
  });

  it('stops asking when the account is disconnected meanwhile', async () => {
    const w = world(Number.POSITIVE_INFINITY);
    let stopped = false;
    setTimeout(() => { stopped = true; }, 10);
    await untilOwnDeviceKeysPublished(w.context as never, w.client as never, '@a:x', 'DEV', { ...wait, timeoutMs: 60_000, isStopped: () => stopped });
    expect(w.warnings).toEqual([]);
  });
});
