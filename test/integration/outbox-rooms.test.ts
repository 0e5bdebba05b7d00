/**
 * A message written to a room while its account was offline goes out once the account is
 * back, and only after the room is joined again: a room message sent before the rejoin is
 * refused (XEP-0045 §7.4: only occupants may send to a room), so the outbox drains after
 * the reconnect's rejoin step (electron/core/lifecycle/reconnectSequence.ts).
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MessageView } from '../../electron/bridge/schemas.js';
import { startProsody, type RunningProsody } from '../servers/prosody.js';
import { BUILT_PLUGINS, startInProcessCore, type InProcessCore } from '../support/inProcessCore.js';

const PASSWORD = 'rooms-password';
let prosody: RunningProsody | undefined;
let core: InProcessCore | undefined;
afterAll(async () => {
  await core?.close();
  await prosody?.stop();
});

describe('outbox: room messages written offline', () => {
  it('go out after the room is joined again, once, in order', async () => {
    prosody = await startProsody();
    const server = prosody;
    await server.register('alice', PASSWORD);
    core = await startInProcessCore([join(BUILT_PLUGINS, 'xmpp')]);
    const running = core;
    const account = await running.client.request('accounts.add', {
      pluginId: 'xmpp',
      settings: { jid: 'alice@localhost', password: PASSWORD, server: server.host, port: server.c2sPort, security: 'starttls', trustedFingerprint: server.certificateFingerprint256 },
    });
    const online = (since: number) => running.waitForEvent((e) => e.type === 'account.changed' && e.payload.account.id === account.id && e.payload.account.state === 'online', 30_000, since);
    await online(0);
    const room = await running.client.request('conversations.joinRoom', { accountId: account.id, room: `outbox@${server.mucDomain}` });

    await running.client.request('accounts.disconnect', { accountId: account.id });
    const written: MessageView[] = [];
    for (const body of ['written offline 1', 'written offline 2']) {
      written.push(await running.client.request('messages.send', { conversationId: room.id, body }));
    }
    expect(written.map((m) => m.status)).toEqual(['queued', 'queued']);

    const back = running.mark();
    await running.client.request('accounts.connect', { accountId: account.id });
    await online(back);
    const settled = async (): Promise<string[]> => {
      const page = await running.client.request('messages.list', { conversationId: room.id, limit: 20 });
      return page.filter((m) => m.direction === 'out').map((m) => `${m.body}: ${m.status}`);
    };
    await expect.poll(async () => (await settled()).every((line) => !line.endsWith('queued') && !line.endsWith('sending')), { timeout: 30_000, interval: 200 }).toBe(true);
    expect(await settled()).toEqual(['written offline 1: sent', 'written offline 2: sent']);
  });
});
