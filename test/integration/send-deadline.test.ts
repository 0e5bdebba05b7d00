/**
 * No message stays `sending` forever: the loopback plugin takes "never confirmed" and
 * never answers. After the send deadline (shortened here) the message is failed with the
 * reason in words, or, where a resend cannot double it, resent with the same id at most
 * three times and then failed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import { startHeadlessCore, type RunningHeadlessCore } from '../support/headlessCore.js';
import { FIXTURE_PLUGINS, startInProcessCore, type InProcessCore } from '../support/inProcessCore.js';
import { connectWsBridge, eventually } from '../support/wsBridgeClient.js';

const DEADLINE_MS = 400;
let running: InProcessCore | undefined;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  await running?.close();
  running = undefined;
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function chatWith(contactId: string) {
  running = await startInProcessCore([join(FIXTURE_PLUGINS, 'loopback')], undefined, undefined, { sendDeadlineMs: DEADLINE_MS });
  const core = running;
  const account = await core.client.request('accounts.add', { pluginId: 'loopback', settings: { name: 'alice' } });
  await core.waitForEvent((e) => e.type === 'account.changed' && e.payload.account.id === account.id && e.payload.account.state === 'online');
  const chat = await core.client.request('conversations.openDirect', { accountId: account.id, contactId });
  return { core, chat };
}

const statusOf = (messageId: number, status: string) => (e: BridgeEvent): boolean =>
  e.type === 'message.updated' && e.payload.message.id === messageId && e.payload.message.status === status;

describe('send deadline', () => {
  it('fails a message the network never confirms, with the reason, and Retry hands it over again', async () => {
    const { core, chat } = await chatWith('bob');
    const pending = await core.client.request('messages.send', { conversationId: chat.id, body: 'never confirmed' });
    expect(pending.status).toBe('sending');
    const failed = await core.waitForEvent(statusOf(pending.id, 'failed'));
    expect(failed.type === 'message.updated' && failed.payload.message.error)
      .toEqual({ kind: 'network', message: 'The network did not confirm this message within 1 second. Retry to send it again.' });
    const listed = await core.client.request('messages.list', { conversationId: chat.id, limit: 5 });
    expect(listed.map((m) => [m.body, m.status])).toEqual([['never confirmed', 'failed']]);

    // Retrying starts a fresh deadline: the message is `sending` again, then failed again.
    const from = core.events.length;
    await core.client.request('messages.retry', { messageId: pending.id });
    const later = (predicate: (e: BridgeEvent) => boolean) => (e: BridgeEvent): boolean => core.events.indexOf(e) >= from && predicate(e);
    await core.waitForEvent(later(statusOf(pending.id, 'sending')));
    await core.waitForEvent(later(statusOf(pending.id, 'failed')));
  });

  it('resends a message the network never confirms where a resend cannot double it, three times, then fails it', async () => {
    const { core, chat } = await chatWith('resend-safe-bob');
    expect(chat.capabilities?.resendSafe).toBe(true);
    const pending = await core.client.request('messages.send', { conversationId: chat.id, body: 'never confirmed' });
    await core.waitForEvent(statusOf(pending.id, 'failed'), 30_000);
    const history = core.events.filter((e) => e.type === 'message.updated' && e.payload.message.id === pending.id)
      .map((e) => (e.type === 'message.updated' ? e.payload.message.status : ''));
    expect(history).toEqual(['queued', 'sending', 'queued', 'sending', 'queued', 'sending', 'failed']);
  });

  it('fails a message that was sending when the core was killed, at the next start', async () => {
    const profileDir = mkdtempSync(join(tmpdir(), 'switchboard-deadline-'));
    cleanups.push(() => rmSync(profileDir, { recursive: true, force: true }));
    const pluginDirs = [join(FIXTURE_PLUGINS, 'loopback')];
    let core: RunningHeadlessCore = await startHeadlessCore({ profileDir, requireRenderer: false, pluginDirs });
    cleanups.push(() => core.stop());
    const ui = await connectWsBridge(core.url);
    const account = await ui.client.request('accounts.add', { pluginId: 'loopback', settings: { name: 'alice' } });
    await eventually('the account online', () => ui.events.some((e) => e.type === 'account.changed' && e.payload.account.id === account.id && e.payload.account.state === 'online') || undefined);
    const chat = await ui.client.request('conversations.openDirect', { accountId: account.id, contactId: 'bob' });
    const pending = await ui.client.request('messages.send', { conversationId: chat.id, body: 'never confirmed' });
    expect(pending.status).toBe('sending');
    core.child.kill('SIGKILL');
    ui.close();

    core = await startHeadlessCore({ profileDir, requireRenderer: false, pluginDirs });
    const again = await connectWsBridge(core.url);
    cleanups.push(() => again.close());
    const [stored] = await again.client.request('messages.list', { conversationId: chat.id, limit: 5 });
    expect(stored).toMatchObject({ id: pending.id, status: 'failed', error: { kind: 'network', message: 'Switchboard stopped before the network confirmed this message. Retry to send it again.' } });
  });
});
