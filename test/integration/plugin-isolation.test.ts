/**
 * A plugin cannot touch another account: a hostile plugin quotes the local message ids and
 * request id of an account on another plugin, and posts events and a secrets read in that
 * account's name straight through its worker's port. Every attempt is dropped, logged and
 * counted on the hostile plugin; the other account's messages, requests, state and
 * secrets are untouched.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import { FIXTURE_PLUGINS, startInProcessCore, type InProcessCore } from '../support/inProcessCore.js';

let running: InProcessCore | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const online = (accountId: string) => (e: BridgeEvent): boolean =>
  e.type === 'account.changed' && e.payload.account.id === accountId && e.payload.account.state === 'online';

describe('plugin isolation', () => {
  it('drops and counts every event of a plugin that reaches for another plugin\'s account', async () => {
    running = await startInProcessCore([join(FIXTURE_PLUGINS, 'loopback'), join(FIXTURE_PLUGINS, 'hostile')]);
    const core = running;
    const victim = await core.client.request('accounts.add', { pluginId: 'loopback', settings: { name: 'alice' } });
    await core.waitForEvent(online(victim.id));
    const attacker = await core.client.request('accounts.add', { pluginId: 'hostile', settings: { name: 'mallory' } });
    await core.waitForEvent(online(attacker.id));
    await core.waitForEvent((e) => e.type === 'request.raised' && e.payload.request.accountId === victim.id && e.payload.request.id === 'sub-stranger');
    const chat = await core.client.request('conversations.openDirect', { accountId: victim.id, contactId: 'bob' });
    const pending = await core.client.request('messages.send', { conversationId: chat.id, body: 'never confirmed' });
    expect(pending.status).toBe('sending');

    await core.client.request('commands.run', { accountId: attacker.id, command: 'attack', args: JSON.stringify({
      accountId: victim.id, localId: String(pending.id), conversationId: 'bob', requestId: 'sub-stranger',
    }) });
    const done = await core.waitForEvent((e) => e.type === 'server.notice' && e.payload.accountId === attacker.id && e.payload.text.startsWith('attack done'));
    expect(done.type === 'server.notice' && done.payload.text).toBe('attack done; secrets read refused: This account belongs to another plugin.');

    // The victim's message is still waiting for its network, nothing was added to its chat.
    const messages = await core.client.request('messages.list', { conversationId: chat.id, limit: 10 });
    expect(messages.map((m) => [m.body, m.status, m.networkId])).toEqual([['never confirmed', 'sending', undefined]]);
    expect(core.events.some((e) => e.type === 'message.progress' && e.payload.messageId === pending.id)).toBe(false);
    // Its request is still open, its account still online.
    expect((await core.client.request('requests.list', {})).map((r) => [r.accountId, r.id])).toContainEqual([victim.id, 'sub-stranger']);
    expect((await core.client.request('accounts.list', {})).find((a) => a.id === victim.id)?.state).toBe('online');

    // Ten attempts: four forged events and a secrets read in the victim's name, five quoted ids.
    const plugins = await core.client.request('plugins.list', {});
    expect(plugins.map((p) => [p.id, p.violations])).toEqual([['hostile', 10], ['loopback', 0]]);
    expect(core.log.filter((line) => line.startsWith('[hostile] dropped:'))).toHaveLength(10);
    expect(core.log).toContain(`[hostile] dropped: it quoted a message of another account in a message.confirmed event (${attacker.id})`);
  });
});
