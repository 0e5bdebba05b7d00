/**
 * Buddy groups of a network without groups of its own (IRC on ngIRCd), through the bridge
 * with a real core: a buddy moved into a group stays there when the network reports it
 * again without groups (a reconnect re-sends the MONITOR list) and after a restart on the
 * same profile, with the groups in the user's order and collapsed state.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILT_PLUGINS, startInProcessCore } from '../support/inProcessCore.js';
import { startIrcCoreScene, type IrcCoreScene } from '../support/ircCoreScene.js';
import { eventually } from '../support/wsBridgeClient.js';

let scene: IrcCoreScene | undefined;
afterEach(async () => {
  await scene?.stop();
  scene = undefined;
});

describe('buddy groups kept in the profile', () => {
  it('an IRC buddy moved into a group stays there after a reconnect and a restart', async () => {
    scene = await startIrcCoreScene();
    const { core, alice } = scene;
    await core.client.request('contacts.add', { accountId: alice.id, contactId: 'dave' });
    await eventually('dave listed', () => core.events.some((e) => e.type === 'contact.changed' && e.payload.contact.id === 'dave') || undefined, 10_000);

    await core.client.request('groups.create', { name: 'Work' });
    await core.client.request('groups.reorder', { names: ['Work'] });
    await core.client.request('groups.setCollapsed', { name: 'Buddies', collapsed: true });
    await core.client.request('groups.moveContact', { accountId: alice.id, contactId: 'dave', from: 'Buddies', to: 'Work' });
    const dave = async () => (await core.client.request('contacts.list', {})).find((contact) => contact.id === 'dave');
    expect((await dave())?.groups).toEqual(['Work']);

    // Reconnected: the plugin reports dave again, without groups; the profile's stay.
    const mark = core.events.length;
    await core.client.request('accounts.disconnect', { accountId: alice.id });
    await core.client.request('accounts.connect', { accountId: alice.id });
    await eventually('alice online again', () => core.events.slice(mark).some((e) => e.type === 'account.changed' && e.payload.account.state === 'online') || undefined, 15_000);
    await eventually('dave reported again', () => core.events.slice(mark).some((e) => e.type === 'contact.changed' && e.payload.contact.id === 'dave') || undefined, 10_000);
    expect((await dave())?.groups).toEqual(['Work']);

    // Restarted on the same profile: the groups, their order and state, and dave's group.
    const profile = core.profileDir;
    const { server } = scene;
    scene = undefined; // from here this test stops what is left itself
    await core.core.close(); // the core alone: its profile stays for the next one
    const again = await startInProcessCore([join(BUILT_PLUGINS, 'irc')], profile);
    try {
      expect(await again.client.request('groups.list', {})).toEqual([{ name: 'Work', collapsed: false }, { name: 'Buddies', collapsed: true }]);
      expect((await again.client.request('contacts.list', {})).find((contact) => contact.id === 'dave')?.groups).toEqual(['Work']);
    } finally {
      await again.close();
      rmSync(profile, { recursive: true, force: true });
      await server.stop();
    }
  });
});
