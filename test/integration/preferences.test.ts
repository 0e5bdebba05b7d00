/** Preferences through a real core: stored in the profile, kept across a restart, refused in words. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BridgeRequestError } from '../../electron/bridge/client.js';
import { DEFAULT_PREFERENCES } from '../../electron/bridge/preferences.js';
import { startInProcessCore, type InProcessCore } from '../support/inProcessCore.js';

describe('preferences in the profile', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('a change reaches the windows, survives a restart, and a bad value is refused in words', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'switchboard-preferences-'));
    cleanup.push(() => rmSync(profile, { recursive: true, force: true }));
    let core: InProcessCore = await startInProcessCore([], profile);
    cleanup.push(() => core.close());

    expect(await core.client.request('preferences.get', {})).toEqual(DEFAULT_PREFERENCES);
    const changed = await core.client.request('preferences.set', { autoAwayMinutes: 2, buddySort: 'name' });
    expect(changed).toEqual({ ...DEFAULT_PREFERENCES, autoAwayMinutes: 2, buddySort: 'name' });
    const event = await core.waitForEvent((e) => e.type === 'preferences.changed');
    expect(event.payload).toEqual({ preferences: changed });

    const refused = await core.client.request('preferences.set', { buddySort: 'by-mood' } as never).then(() => undefined, (error: unknown) => error);
    expect(refused).toBeInstanceOf(BridgeRequestError);
    expect((refused as BridgeRequestError).detail).toMatchObject({ kind: 'invalid-request' });
    expect((refused as BridgeRequestError).detail.message).toMatch(/buddySort/);

    await core.close();
    core = await startInProcessCore([], profile);
    expect(await core.client.request('preferences.get', {})).toEqual(changed);
    expect(core.core.preferences.get()).toEqual(changed);
  });

  it('the tray\'s status seam sets the global status every window sees, keeping its message', async () => {
    const running = await startInProcessCore([]);
    cleanup.push(() => running.close());
    await running.client.request('status.set', { status: 'busy', message: 'in a meeting' });
    const heard: string[] = [];
    const stop = running.core.globalStatus.onChange((status) => heard.push(status));
    expect(running.core.globalStatus.get()).toBe('busy');
    running.core.globalStatus.set('away');
    stop();
    running.core.globalStatus.set('available');
    expect(heard).toEqual(['away']);
    expect((await running.client.request('status.get', {})).global).toEqual({ status: 'available', message: 'in a meeting' });
  });
});
