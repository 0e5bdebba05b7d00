/**
 * The core with real plugin workers: accounts, conversations and messages through the
 * bridge contract, and a faulty plugin that must not take anything else down.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import type { AccountView } from '../../electron/bridge/schemas.js';
import { FIXTURE_PLUGINS, startInProcessCore, type InProcessCore } from '../support/inProcessCore.js';

const loopback = join(FIXTURE_PLUGINS, 'loopback');
const faulty = join(FIXTURE_PLUGINS, 'faulty');

let running: InProcessCore | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

function accountState(accountId: string, state: AccountView['state']) {
  return (event: BridgeEvent): boolean =>
    event.type === 'account.changed' && event.payload.account.id === accountId && event.payload.account.state === state;
}

async function onlineLoopback(core: InProcessCore, name: string): Promise<AccountView> {
  const account = await core.client.request('accounts.add', { pluginId: 'loopback', settings: { name } });
  await core.waitForEvent(accountState(account.id, 'online'));
  return account;
}

describe('core with plugin workers', () => {
  it('lists loaded plugins with their account fields and refuses unknown settings', async () => {
    running = await startInProcessCore([loopback, faulty]);
    const plugins = await running.client.request('plugins.list', {});
    expect(plugins.map((p) => p.id)).toEqual(['faulty', 'loopback']);
    await expect(running.client.request('accounts.add', { pluginId: 'loopback', settings: { name: 'x', bogus: 1 } }))
      .rejects.toMatchObject({ kind: 'invalid-request', message: 'Unknown account setting: bogus.' });
    await expect(running.client.request('accounts.add', { pluginId: 'loopback', settings: {} }))
      .rejects.toMatchObject({ kind: 'invalid-request', message: 'Name is required.' });
    await expect(running.client.request('accounts.add', { pluginId: 'nope', settings: {} }))
      .rejects.toMatchObject({ kind: 'not-found' });
  });

  it('sends, confirms and receives messages, and pages history', async () => {
    running = await startInProcessCore([loopback]);
    const account = await onlineLoopback(running, 'alice');
    const room = await running.client.request('conversations.joinRoom', { accountId: account.id, room: '#lobby' });
    expect(room).toMatchObject({ kind: 'room', title: '#lobby', joined: true });
    const members = await running.client.request('members.list', { conversationId: room.id });
    expect(members.map((m) => m.displayName)).toEqual(['echo-bot', 'alice']);

    const sent = await running.client.request('messages.send', { conversationId: room.id, body: 'hello' });
    expect(sent).toMatchObject({ status: 'sending', direction: 'out', body: 'hello', senderName: 'alice' });
    await running.waitForEvent((e) => e.type === 'message.updated' && e.payload.message.id === sent.id && e.payload.message.status === 'sent');
    await running.waitForEvent((e) => e.type === 'message.added' && e.payload.message.body === 'echo: hello');

    const page = await running.client.request('messages.list', { conversationId: room.id, limit: 10 });
    expect(page.map((m) => [m.body, m.status])).toEqual([['hello', 'sent'], ['echo: hello', 'received']]);
    const older = await running.client.request('messages.list', {
      conversationId: room.id, limit: 10, before: { timestamp: page[1]?.timestamp ?? 0, id: page[1]?.id ?? 0 },
    });
    expect(older.map((m) => m.body)).toEqual(['hello']);
    const [changed] = (await running.client.request('conversations.list', {})).filter((c) => c.id === room.id);
    expect(changed?.unread).toBe(1);
  });

  it('shows a plugin resuming its own session while the account stays online', async () => {
    running = await startInProcessCore([loopback]);
    const core = running;
    const account = await onlineLoopback(core, 'alice');
    const chat = await core.client.request('conversations.openDirect', { accountId: account.id, contactId: 'bob' });
    await core.client.request('messages.send', { conversationId: chat.id, body: 'resume the session' });
    const resuming = await core.waitForEvent((e) => e.type === 'account.changed' && e.payload.account.id === account.id && e.payload.account.resuming !== undefined);
    expect(resuming.type === 'account.changed' && resuming.payload.account).toMatchObject({
      state: 'online', resuming: { kind: 'network', message: 'Stream lost; resuming.' },
    });
    const index = core.events.indexOf(resuming);
    await core.waitForEvent((e) => e.type === 'account.changed' && e.payload.account.id === account.id && core.events.indexOf(e) > index
      && e.payload.account.state === 'online' && e.payload.account.resuming === undefined);
    // Never offline meanwhile: the core left the resumption to the plugin.
    expect(core.events.slice(index).some((e) => e.type === 'account.changed' && e.payload.account.id === account.id && e.payload.account.state !== 'online')).toBe(false);
  });

  it('refuses a 20 MB paste with a clear error and stores nothing', async () => {
    running = await startInProcessCore([loopback]);
    const account = await onlineLoopback(running, 'alice');
    const chat = await running.client.request('conversations.openDirect', { accountId: account.id, contactId: 'bob' });
    await expect(running.client.request('messages.send', { conversationId: chat.id, body: 'x'.repeat(20 * 1024 * 1024) }))
      .rejects.toMatchObject({ kind: 'invalid-request', message: expect.stringContaining('too long') as string });
    expect(await running.client.request('messages.list', { conversationId: chat.id, limit: 10 })).toEqual([]);
  });

  it('survives a plugin whose event handler throws: its account reports the crash, others keep chatting', async () => {
    running = await startInProcessCore([loopback, faulty]);
    const good = await onlineLoopback(running, 'alice');
    const bad = await running.client.request('accounts.add', { pluginId: 'faulty', settings: { name: 'mallory', fault: 'throw-in-handler' } });
    const crashed = await running.waitForEvent((e) => accountState(bad.id, 'reconnecting')(e));
    expect(crashed.type === 'account.changed' && crashed.payload.account.error?.message).toMatch(/The plugin crashed: boom from an event handler/);

    const chat = await running.client.request('conversations.openDirect', { accountId: good.id, contactId: 'bob' });
    await running.client.request('messages.send', { conversationId: chat.id, body: 'still working?' });
    await running.waitForEvent((e) => e.type === 'message.added' && e.payload.message.body === 'echo: still working?');
    const accounts = await running.client.request('accounts.list', {});
    expect(accounts.find((a) => a.id === good.id)?.state).toBe('online');
  });

  it('drops malformed events from a plugin and keeps the valid ones', async () => {
    running = await startInProcessCore([faulty]);
    const account = await running.client.request('accounts.add', { pluginId: 'faulty', settings: { name: 'm', fault: 'malformed-events' } });
    await running.waitForEvent(accountState(account.id, 'online'));
    const message = await running.waitForEvent((e) => e.type === 'message.added');
    expect(message).toMatchObject({ payload: { message: { body: 'still here', senderName: 'Friend' } } });
    expect(running.log.some((line) => line.includes('skipped a malformed event'))).toBe(true);
  });

  it('reports a connect that rejects with a non-Error as an internal error on the account', async () => {
    running = await startInProcessCore([faulty]);
    const account = await running.client.request('accounts.add', { pluginId: 'faulty', settings: { name: 'm', fault: 'reject-connect' } });
    const event = await running.waitForEvent(accountState(account.id, 'reconnecting'));
    expect(event.type === 'account.changed' && event.payload.account.error).toEqual({ kind: 'internal', message: 'not an Error object' });
  });

  it('keeps accounts and secrets across a restart, secrets outside the database and the bridge', async () => {
    running = await startInProcessCore([loopback]);
    const profile = running.profileDir;
    const secret = 'hunter2-s3cret-token';
    const account = await running.client.request('accounts.add', { pluginId: 'loopback', settings: { name: 'alice', token: secret } });
    await running.waitForEvent(accountState(account.id, 'online'));
    expect(account.secretsStored).toEqual(['token']);
    expect(JSON.stringify(running.events)).not.toContain(secret);
    expect(JSON.stringify(await running.client.request('accounts.list', {}))).not.toContain(secret);
    await running.core.close();
    for (const file of readdirSync(profile).filter((name) => name.startsWith('switchboard.sqlite'))) {
      expect(readFileSync(join(profile, file)).includes(secret), file).toBe(false);
    }
    const secretsFile = join(profile, 'secrets.json');
    expect(statSync(secretsFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(secretsFile, 'utf8')).toContain(secret);
    expect(readFileSync(secretsFile, 'utf8')).toContain('session-secret-1');
    for (const file of readdirSync(profile).filter((name) => name.startsWith('switchboard.sqlite'))) {
      expect(readFileSync(join(profile, file)).includes('session-secret-1'), file).toBe(false);
    }
    const again = await startInProcessCore([loopback], profile);
    try {
      await again.waitForEvent(accountState(account.id, 'online'));
      // The plugin's own storage and secrets survived the restart too.
      await again.waitForEvent((e) => e.type === 'server.notice' && e.payload.text === 'connect #2, previous session session-secret-1');
      expect((await again.client.request('accounts.list', {})).map((a) => a.label)).toEqual(['alice (Loopback)']);
    } finally {
      await again.close();
    }
    running = undefined;
  });
});
