/**
 * The outbox: what the user writes while an account is offline is kept, survives a
 * restart, and goes out once, in order, when the account is back; failed messages can be
 * retried or cancelled.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import type { MessageView } from '../../electron/bridge/schemas.js';
import { FIXTURE_PLUGINS, startInProcessCore, type InProcessCore } from '../support/inProcessCore.js';

const loopback = join(FIXTURE_PLUGINS, 'loopback');
const open: InProcessCore[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((core) => core.close()));
});

async function start(profile?: string): Promise<InProcessCore> {
  const core = await startInProcessCore([loopback], profile);
  open.push(core);
  return core;
}

const online = (accountId: string) => (e: BridgeEvent): boolean =>
  e.type === 'account.changed' && e.payload.account.id === accountId && e.payload.account.state === 'online';

describe('outbox', () => {
  it('keeps messages written offline across a restart and sends them once, in order', async () => {
    const first = await start();
    const account = await first.client.request('accounts.add', { pluginId: 'loopback', settings: { name: 'alice' } });
    await first.waitForEvent(online(account.id));
    const chat = await first.client.request('conversations.openDirect', { accountId: account.id, contactId: 'bob' });
    await first.client.request('accounts.disconnect', { accountId: account.id });

    const written: MessageView[] = [];
    for (const body of ['one', 'two', 'three', 'four']) {
      written.push(await first.client.request('messages.send', { conversationId: chat.id, body }));
    }
    expect(written.map((m) => m.status)).toEqual(['queued', 'queued', 'queued', 'queued']);
    await first.client.request('messages.cancel', { messageId: written[3]?.id ?? 0 });
    await first.waitForEvent((e) => e.type === 'message.removed' && e.payload.messageId === written[3]?.id);

    // Quit while offline, start again: the outbox is still there, and goes out once online.
    const profile = first.profileDir;
    await first.core.close();
    open.splice(open.indexOf(first), 1);
    const second = await start(profile);
    expect((await second.client.request('messages.list', { conversationId: chat.id, limit: 10 })).map((m) => [m.body, m.status]))
      .toEqual([['one', 'queued'], ['two', 'queued'], ['three', 'queued']]);
    await second.client.request('accounts.connect', { accountId: account.id });
    await second.waitForEvent((e) => e.type === 'message.added' && e.payload.message.body === 'echo: three');

    const page = await second.client.request('messages.list', { conversationId: chat.id, limit: 20 });
    expect(page.filter((m) => m.direction === 'out').map((m) => [m.body, m.status])).toEqual([['one', 'sent'], ['two', 'sent'], ['three', 'sent']]);
    expect(page.filter((m) => m.direction === 'in').map((m) => m.body)).toEqual(['echo: one', 'echo: two', 'echo: three']);
  });

  it('marks a message failed, not sent, when the connection drops before the network confirmed it', async () => {
    const core = await start();
    const account = await core.client.request('accounts.add', { pluginId: 'loopback', settings: { name: 'alice' } });
    await core.waitForEvent(online(account.id));
    const chat = await core.client.request('conversations.openDirect', { accountId: account.id, contactId: 'bob' });
    const pending = await core.client.request('messages.send', { conversationId: chat.id, body: 'never confirmed' });
    expect(pending.status).toBe('sending');
    await core.client.request('accounts.disconnect', { accountId: account.id });
    const failed = await core.waitForEvent((e) => e.type === 'message.updated' && e.payload.message.id === pending.id && e.payload.message.status === 'failed');
    expect(failed.type === 'message.updated' && failed.payload.message.error?.message).toMatch(/connection was lost before the network confirmed/);
  });

  it('puts a message the connection lost back in the outbox where a resend cannot double it, and sends it once', async () => {
    const core = await start();
    const account = await core.client.request('accounts.add', { pluginId: 'loopback', settings: { name: 'alice' } });
    await core.waitForEvent(online(account.id));
    const chat = await core.client.request('conversations.openDirect', { accountId: account.id, contactId: 'resend-safe-bob' });
    expect(chat.capabilities?.resendSafe).toBe(true);
    const lost = await core.client.request('messages.send', { conversationId: chat.id, body: 'lost once' });
    expect(lost.status).toBe('sending');
    await core.client.request('accounts.disconnect', { accountId: account.id });
    await core.waitForEvent((e) => e.type === 'message.updated' && e.payload.message.id === lost.id && e.payload.message.status === 'queued');

    await core.client.request('accounts.connect', { accountId: account.id });
    await core.waitForEvent((e) => e.type === 'message.updated' && e.payload.message.id === lost.id && e.payload.message.status === 'sent');
    const statuses = core.events.flatMap((e) => (e.type === 'message.updated' && e.payload.message.id === lost.id ? [e.payload.message.status] : []));
    expect(statuses).not.toContain('failed');
    await core.waitForEvent((e) => e.type === 'message.added' && e.payload.message.body === 'echo: lost once');
    const page = await core.client.request('messages.list', { conversationId: chat.id, limit: 10 });
    expect(page.filter((m) => m.body === 'lost once')).toHaveLength(1);
    expect(page.filter((m) => m.body === 'echo: lost once')).toHaveLength(1);
  });

  it('marks a refused message failed with the reason; retry and cancel work, and only on such messages', async () => {
    const core = await start();
    const account = await core.client.request('accounts.add', { pluginId: 'loopback', settings: { name: 'alice' } });
    await core.waitForEvent(online(account.id));
    const chat = await core.client.request('conversations.openDirect', { accountId: account.id, contactId: 'bob' });
    const refused = await core.client.request('messages.send', { conversationId: chat.id, body: 'please fail' });
    const failed = await core.waitForEvent((e) => e.type === 'message.updated' && e.payload.message.id === refused.id && e.payload.message.status === 'failed');
    expect(failed.type === 'message.updated' && failed.payload.message.error).toEqual({ kind: 'protocol', message: 'The network refused this message.' });

    const ok = await core.client.request('messages.send', { conversationId: chat.id, body: 'fine' });
    await core.waitForEvent((e) => e.type === 'message.updated' && e.payload.message.id === ok.id && e.payload.message.status === 'sent');
    await expect(core.client.request('messages.retry', { messageId: ok.id })).rejects.toMatchObject({ kind: 'invalid-request' });
    await expect(core.client.request('messages.cancel', { messageId: ok.id })).rejects.toMatchObject({ kind: 'invalid-request' });

    expect((await core.client.request('messages.retry', { messageId: refused.id })).status).toBe('queued');
    const statuses = (): string[] => core.events.flatMap((e) => (e.type === 'message.updated' && e.payload.message.id === refused.id ? [e.payload.message.status] : []));
    await core.waitForEvent(() => statuses().join(',') === 'failed,queued,sending,failed');
    // A read receipt for a later message does not touch a message that never went out.
    expect(core.events.some((e) => e.type === 'message.updated' && e.payload.message.id === refused.id && e.payload.message.receipt !== undefined)).toBe(false);
    await core.client.request('messages.cancel', { messageId: refused.id });
    expect((await core.client.request('messages.list', { conversationId: chat.id, limit: 10 })).some((m) => m.id === refused.id)).toBe(false);
  });
});
