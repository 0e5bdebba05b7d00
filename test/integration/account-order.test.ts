/** The order of accounts the user chooses in the Accounts dialog: kept by the core, told to every window, kept across a restart. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BridgeRequestError } from '../../electron/bridge/client.js';
import { FIXTURE_PLUGINS, startInProcessCore, type InProcessCore } from '../support/inProcessCore.js';

const loopback = join(FIXTURE_PLUGINS, 'loopback');

describe('account order', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('is stored, sent to the windows, kept after a restart, and a wrong list is refused in words', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'switchboard-account-order-'));
    cleanup.push(() => rmSync(profile, { recursive: true, force: true }));
    let core: InProcessCore = await startInProcessCore([loopback], profile);
    cleanup.push(() => core.close());
    const added = [];
    for (const name of ['alice', 'bob', 'carol']) added.push(await core.client.request('accounts.add', { pluginId: 'loopback', settings: { name } }));
    const [alice, bob, carol] = added.map((account) => account.id);
    const labels = async (): Promise<string[]> => (await core.client.request('accounts.list', {})).map((account) => account.label);
    expect(await labels()).toEqual(['alice (Loopback)', 'bob (Loopback)', 'carol (Loopback)']);

    await core.client.request('accounts.reorder', { accountIds: [carol ?? '', alice ?? '', bob ?? ''] });
    const event = await core.waitForEvent((e) => e.type === 'accounts.reordered');
    expect(event.payload).toEqual({ accountIds: [carol, alice, bob] });
    expect(await labels()).toEqual(['carol (Loopback)', 'alice (Loopback)', 'bob (Loopback)']);

    for (const wrong of [[carol ?? '', alice ?? ''], [carol ?? '', alice ?? '', alice ?? ''], [carol ?? '', alice ?? '', 'nobody']]) {
      const refused = await core.client.request('accounts.reorder', { accountIds: wrong }).then(() => undefined, (error: unknown) => error);
      expect(refused).toBeInstanceOf(BridgeRequestError);
      expect((refused as BridgeRequestError).detail.kind).toBe('invalid-request');
      expect((refused as BridgeRequestError).detail.message).toMatch(/every account once/);
    }

    await core.close();
    core = await startInProcessCore([loopback], profile);
    expect(await labels()).toEqual(['carol (Loopback)', 'alice (Loopback)', 'bob (Loopback)']);
    // A new account goes last.
    await core.client.request('accounts.add', { pluginId: 'loopback', settings: { name: 'dave' } });
    expect(await labels()).toEqual(['carol (Loopback)', 'alice (Loopback)', 'bob (Loopback)', 'dave (Loopback)']);
  });
});
