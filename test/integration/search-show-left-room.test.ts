/**
 * `conversations.show` through the bridge of a real core (loopback plugin): a room the user
 * left comes back to the conversation list for reading, marked not joined, and the next
 * reconnect does not join it again (only the rooms still joined are rejoined).
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURE_PLUGINS, startInProcessCore, type InProcessCore } from '../support/inProcessCore.js';

const cores: InProcessCore[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

describe('showing a left room', () => {
  it('lists it again, not joined, and a reconnect rejoins only the rooms still joined', async () => {
    const core = await startInProcessCore([join(FIXTURE_PLUGINS, 'loopback')]);
    cores.push(core);
    const account = await core.client.request('accounts.add', { pluginId: 'loopback', settings: { name: 'alice' } });
    const online = (since: number) => core.waitForEvent((e) => e.type === 'account.changed' && e.payload.account.id === account.id && e.payload.account.state === 'online', 10_000, since);
    await online(0);
    // Rejoined in title order: the left room comes first, so once the live one is back, it was passed.
    const left = await core.client.request('conversations.joinRoom', { accountId: account.id, room: '#aaa-left' });
    const live = await core.client.request('conversations.joinRoom', { accountId: account.id, room: '#zzz-live' });
    // Events come in batches: the joins' own are awaited, so none of them counts after the mark.
    for (const room of [left, live]) await core.waitForEvent((e) => e.type === 'members.changed' && e.payload.conversationId === room.id);
    await core.client.request('conversations.leave', { conversationId: left.id });
    await core.waitForEvent((e) => e.type === 'conversation.removed' && e.payload.conversationId === left.id);
    expect((await core.client.request('conversations.list', {})).map((c) => c.id)).not.toContain(left.id);

    const shown = await core.client.request('conversations.show', { conversationId: left.id });
    expect(shown).toMatchObject({ id: left.id, title: '#aaa-left', joined: false });
    expect((await core.client.request('conversations.list', {})).find((c) => c.id === left.id)).toMatchObject({ joined: false });

    const beforeOffline = core.mark();
    await core.client.request('accounts.disconnect', { accountId: account.id });
    await core.waitForEvent((e) => e.type === 'account.changed' && e.payload.account.id === account.id && e.payload.account.state === 'offline', 10_000, beforeOffline);
    const mark = core.mark();
    await core.client.request('accounts.connect', { accountId: account.id });
    await online(mark);
    await core.waitForEvent((e) => e.type === 'members.changed' && e.payload.conversationId === live.id, 10_000, mark);
    expect(core.events.slice(mark).filter((e) => (e.type === 'members.changed' && e.payload.conversationId === left.id)
      || (e.type === 'conversation.changed' && e.payload.conversation.id === left.id && e.payload.conversation.joined))).toEqual([]);
    expect((await core.client.request('conversations.list', {})).find((c) => c.id === left.id)).toMatchObject({ joined: false });
  });
});
