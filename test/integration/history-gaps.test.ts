/**
 * History gaps through the core with the loopback plugin: its /gap command acts out a
 * catch-up that stopped early (a message before, missed ones only in its server history,
 * one after, and a history.gap between). The core keeps the gap, lists it, and loading it
 * pages back until it meets the older end, stores the missed messages once, and removes it.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURE_PLUGINS, startInProcessCore, type InProcessCore } from '../support/inProcessCore.js';

let running: InProcessCore | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function chatWithGap(args: string) {
  running = await startInProcessCore([join(FIXTURE_PLUGINS, 'loopback')]);
  const core = running;
  const account = await core.client.request('accounts.add', { pluginId: 'loopback', settings: { name: 'alice' } });
  await core.waitForEvent((e) => e.type === 'account.changed' && e.payload.account.id === account.id && e.payload.account.state === 'online');
  const chat = await core.client.request('conversations.openDirect', { accountId: account.id, contactId: 'bob' });
  await core.client.request('commands.run', { accountId: account.id, command: 'gap', args, conversationId: chat.id });
  const found = await core.waitForEvent((e) => e.type === 'history.gapChanged' && e.payload.gap.conversationId === chat.id);
  return { core, chat, gapId: found.type === 'history.gapChanged' ? found.payload.gap.id : -1 };
}

const bodies = async (core: InProcessCore, conversationId: number) =>
  (await core.client.request('messages.list', { conversationId, limit: 500 })).map((m) => m.body);

describe('history gaps', () => {
  it('keeps a gap a plugin reports, and loading it pages back to its older end and removes it', async () => {
    const { core, chat, gapId } = await chatWithGap('150');
    const [gap] = await core.client.request('history.gaps', { conversationId: chat.id });
    expect(gap).toMatchObject({ id: gapId, after: { networkId: 'gap1-before' }, before: { networkId: 'gap1-after' }, reason: 'the catch-up stopped early' });
    expect(await bodies(core, chat.id)).toEqual(['before gap 1', 'after gap 1']);

    // Two pages of 100: the first shrinks the gap, the second meets its older end.
    expect(await core.client.request('history.fillGap', { gapId })).toEqual({ added: 150, filled: true });
    await core.waitForEvent((e) => e.type === 'history.gapChanged' && e.payload.gap.id === gapId && e.payload.gap.before.networkId === 'gap1-missed-51');
    await core.waitForEvent((e) => e.type === 'history.gapRemoved' && e.payload.gapId === gapId);
    expect(await bodies(core, chat.id)).toEqual([
      'before gap 1', ...Array.from({ length: 150 }, (_, i) => `missed message ${i + 1} of gap 1`), 'after gap 1',
    ]);
    expect(await core.client.request('history.gaps', { conversationId: chat.id })).toEqual([]);
    await expect(core.client.request('history.fillGap', { gapId })).rejects.toMatchObject({ kind: 'not-found', message: 'These messages were already loaded.' });
  });

  it('keeps the gap and says why when the network fails, and loads it on the next try', async () => {
    const { core, chat, gapId } = await chatWithGap('3 fail-once');
    await expect(core.client.request('history.fillGap', { gapId })).rejects.toMatchObject({ kind: 'network', message: 'The server did not answer the history request.' });
    expect((await core.client.request('history.gaps', { conversationId: chat.id })).map((g) => g.id)).toEqual([gapId]);
    expect(await core.client.request('history.fillGap', { gapId })).toEqual({ added: 3, filled: true });
    expect(await bodies(core, chat.id)).toEqual(['before gap 1', 'missed message 1 of gap 1', 'missed message 2 of gap 1', 'missed message 3 of gap 1', 'after gap 1']);
  });
});
