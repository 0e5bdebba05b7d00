/**
 * Persons (metacontacts) through the bridge with a real core and the loopback plugin:
 * merging buddies of two accounts, the events every window gets, the grouping surviving a
 * restart on the same profile, separating, and buddies leaving with their contact or account.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import type { AccountView } from '../../electron/bridge/schemas.js';
import { FIXTURE_PLUGINS, startInProcessCore, type InProcessCore } from '../support/inProcessCore.js';

const loopback = join(FIXTURE_PLUGINS, 'loopback');
/** Loopback without contactManagement: a network whose buddies are not on a list the user edits (Matrix). */
const dmOnly = join(FIXTURE_PLUGINS, 'dm-only');

let running: InProcessCore | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function onlineLoopback(core: InProcessCore, name: string, pluginId = 'loopback'): Promise<AccountView> {
  const account = await core.client.request('accounts.add', { pluginId, settings: { name } });
  await core.waitForEvent((e) => e.type === 'account.changed' && e.payload.account.id === account.id && e.payload.account.state === 'online');
  return account;
}

async function addBuddy(core: InProcessCore, accountId: string, contactId: string): Promise<void> {
  await core.client.request('contacts.add', { accountId, contactId, displayName: 'Bob' });
  await core.waitForEvent((e) => e.type === 'contact.changed' && e.payload.contact.accountId === accountId && e.payload.contact.id === contactId);
}

const after = (core: InProcessCore, index: number, predicate: (event: BridgeEvent) => boolean) =>
  core.waitForEvent((event) => core.events.indexOf(event) >= index && predicate(event));

describe('persons (metacontacts) in the core', () => {
  it('merge buddies of two accounts, survive a restart, separate, and lose a removed contact or account', async () => {
    running = await startInProcessCore([loopback]);
    const profile = running.profileDir;
    const alice = await onlineLoopback(running, 'alice');
    const carol = await onlineLoopback(running, 'carol');
    await addBuddy(running, alice.id, 'bob');
    await addBuddy(running, carol.id, 'bob@example.org');
    await addBuddy(running, carol.id, 'bobby');

    // Bad input first: nothing is created and nothing is lost.
    const bob = { accountId: alice.id, contactId: 'bob' };
    await expect(running.client.request('contacts.merge', { ...bob, withAccountId: alice.id, withContactId: 'bob' }))
      .rejects.toMatchObject({ kind: 'invalid-request', message: 'A buddy cannot be merged with itself.' });
    await expect(running.client.request('contacts.merge', { ...bob, withAccountId: carol.id, withContactId: 'nobody' }))
      .rejects.toMatchObject({ kind: 'not-found' });
    await expect(running.client.request('contacts.merge', { ...bob, withAccountId: carol.id, withContactId: 'bob@example.org', name: 'x'.repeat(5000) }))
      .rejects.toMatchObject({ kind: 'invalid-request' });
    expect(await running.client.request('people.list', {})).toEqual([]);

    const mark = running.events.length;
    const person = await running.client.request('contacts.merge', { ...bob, withAccountId: carol.id, withContactId: 'bob@example.org', name: ' Bob\u0000 Smith\u202e ' });
    expect(person).toEqual({ id: person.id, name: 'Bob Smith', members: [bob, { accountId: carol.id, contactId: 'bob@example.org' }] });
    await after(running, mark, (e) => e.type === 'person.changed' && e.payload.person.id === person.id);
    const grown = await running.client.request('contacts.merge', { accountId: carol.id, contactId: 'bobby', withAccountId: alice.id, withContactId: 'bob' });
    expect(grown.members.map((m) => m.contactId)).toEqual(['bob', 'bob@example.org', 'bobby']);
    expect(await running.client.request('people.list', {})).toEqual([grown]);

    await running.core.close();
    running = await startInProcessCore([loopback], profile);
    expect(await running.client.request('people.list', {})).toEqual([grown]);
    // Removing a buddy below asks carol's network: the account reconnects after the restart first.
    await running.waitForEvent((e) => e.type === 'account.changed' && e.payload.account.id === carol.id && e.payload.account.state === 'online');

    let index = running.events.length;
    await running.client.request('contacts.separate', { accountId: carol.id, contactId: 'bobby' });
    const separated = await after(running, index, (e) => e.type === 'person.changed');
    expect(separated).toMatchObject({ payload: { person: { id: person.id, members: [bob, { accountId: carol.id, contactId: 'bob@example.org' }] } } });
    await expect(running.client.request('contacts.separate', { accountId: carol.id, contactId: 'bobby' })).rejects.toMatchObject({ kind: 'not-found' });

    // A contact removed from its buddy list leaves its person.
    index = running.events.length;
    await running.client.request('contacts.merge', { accountId: carol.id, contactId: 'bobby', withAccountId: alice.id, withContactId: 'bob' });
    await after(running, index, (e) => e.type === 'person.changed' && e.payload.person.members.length === 3);
    index = running.events.length;
    await running.client.request('contacts.remove', { accountId: carol.id, contactId: 'bobby' });
    await after(running, index, (e) => e.type === 'contact.removed' && e.payload.contactId === 'bobby');
    const shrunk = await after(running, index, (e) => e.type === 'person.changed');
    expect(shrunk).toMatchObject({ payload: { person: { members: [bob, { accountId: carol.id, contactId: 'bob@example.org' }] } } });

    // Removing an account takes its buddy out: the person left with one buddy is dissolved.
    index = running.events.length;
    await running.client.request('accounts.remove', { accountId: carol.id });
    await after(running, index, (e) => e.type === 'person.removed' && e.payload.personId === person.id);
    expect(await running.client.request('people.list', {})).toEqual([]);
    await expect(running.client.request('contacts.merge', { ...bob, withAccountId: carol.id, withContactId: 'bob@example.org' }))
      .rejects.toMatchObject({ kind: 'not-found' });
    expect((await running.client.request('contacts.list', {})).map((c) => `${c.accountId === alice.id ? 'alice' : 'carol'}:${c.id}`).sort())
      .toEqual(['alice:bob', 'alice:echo-bot']);
  });

  it('merge a buddy of a network without a buddy list to change (Matrix-like), and open the person on its most reachable buddy', async () => {
    running = await startInProcessCore([loopback, dmOnly]);
    const alice = await onlineLoopback(running, 'alice');
    const dm = await onlineLoopback(running, 'dana', 'dm-only');
    await running.waitForEvent((e) => e.type === 'contact.changed' && e.payload.contact.accountId === dm.id && e.payload.contact.id === 'echo-bot');
    await expect(running.client.request('contacts.add', { accountId: dm.id, contactId: 'someone' }))
      .rejects.toMatchObject({ kind: 'not-supported', message: 'DM only has no buddy list to change.' });
    await addBuddy(running, alice.id, 'bob');

    const person = await running.client.request('contacts.merge', { accountId: alice.id, contactId: 'bob', withAccountId: dm.id, withContactId: 'echo-bot', name: 'Bob' });
    expect(person.members).toEqual([{ accountId: alice.id, contactId: 'bob' }, { accountId: dm.id, contactId: 'echo-bot' }]);
    // bob on alice's list is offline, echo-bot is available: the chat goes to echo-bot.
    const opened = await running.client.request('people.open', { personId: person.id });
    expect(opened).toMatchObject({ accountId: dm.id, networkId: 'echo-bot', kind: 'direct' });
    await expect(running.client.request('people.open', { personId: person.id + 1 })).rejects.toMatchObject({ kind: 'not-found' });
  });
});
