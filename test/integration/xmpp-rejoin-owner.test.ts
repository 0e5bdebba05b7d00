/**
 * Issue 22: rooms have one owner for rejoining. After a reconnect the core joins the rooms
 * the user has open, then sends what was written offline; the XMPP plugin (capability
 * `coreRejoinsRooms`) joins nothing by itself, and rejoins a room under the nick the user
 * chose there (XEP-0045 §7.2), not under a default one. Carol, an independent raw client in
 * the room, sees alice come back once, as Ally, before what she wrote offline.
 * End to end: the in-process core with the built XMPP plugin on Prosody.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startXmppKit, type XmppKit } from '../servers/prosody/xmppTestKit.js';
import { BUILT_PLUGINS, startInProcessCore, type InProcessCore } from '../support/inProcessCore.js';

let kit: XmppKit | undefined;
let core: InProcessCore | undefined;
let second: InProcessCore | undefined;
afterAll(async () => {
  await core?.close();
  await second?.close();
  await kit?.stop();
});

describe('rejoining XMPP rooms after a reconnect', () => {
  it('joins the open room once, under the user\'s room nick, before the outbox', async () => {
    kit = await startXmppKit();
    const { prosody } = kit;
    await kit.user('alice');
    const room = `rejoin@${prosody.mucDomain}`;
    const carol = await kit.raw('carol');
    carol.send(`<presence to='${room}/carol'><x xmlns='http://jabber.org/protocol/muc'/></presence>`);
    await carol.waitFor(/<presence [^>]*from=['"][^'"]+\/carol['"][\s\S]*status code=['"]110['"]/);

    core = await startInProcessCore([join(BUILT_PLUGINS, 'xmpp')]);
    const running = core;
    const account = await running.client.request('accounts.add', { pluginId: 'xmpp', settings: kit.settings('alice') });
    const online = (since: number) => running.waitForEvent((e) => e.type === 'account.changed' && e.payload.account.id === account.id && e.payload.account.state === 'online', 30_000, since);
    await online(0);
    const conversation = await running.client.request('conversations.joinRoom', { accountId: account.id, room, nick: 'Ally' });
    await carol.waitFor(new RegExp(`<presence [^>]*from=['"]${room}/Ally['"]`));

    await running.client.request('accounts.disconnect', { accountId: account.id });
    await carol.waitFor(new RegExp(`<presence [^>]*from=['"]${room}/Ally['"][^>]*type=['"]unavailable['"]|<presence [^>]*type=['"]unavailable['"][^>]*from=['"]${room}/Ally['"]`));
    const written = await running.client.request('messages.send', { conversationId: conversation.id, body: 'written offline' });
    expect(written.status).toBe('queued');

    const seenBefore = carol.received.length;
    const back = running.mark();
    await running.client.request('accounts.connect', { accountId: account.id });
    await online(back);
    await carol.waitFor(/<body>written offline<\/body>/, 30_000);

    const fromAlice = carol.received.slice(seenBefore).filter((element) => new RegExp(`from=['"]${room}/`).test(element) && !/from=['"][^'"]+\/carol['"]/.test(element));
    const senders = fromAlice.map((element) => `${/^<(\w+)/.exec(element)?.[1] ?? '?'} from ${new RegExp(`from=['"]${room}/([^'"]+)['"]`).exec(element)?.[1] ?? '?'}`);
    // One join presence, then the message: the rejoin, under the chosen nick, came before the outbox.
    expect(senders).toEqual(['presence from Ally', 'message from Ally']);
  });

  it('a room left while offline is left at the next login: not joined again, its autojoin bookmark gone', async () => {
    kit ??= await startXmppKit();
    const { prosody } = kit;
    await kit.user('dora');
    const [gone, stay] = [`gone@${prosody.mucDomain}`, `stay@${prosody.mucDomain}`];
    const carol = await kit.raw('carol', 'watch');
    for (const room of [gone, stay]) {
      carol.send(`<presence to='${room}/carol'><x xmlns='http://jabber.org/protocol/muc'/></presence>`);
      await carol.waitFor(new RegExp(`<presence [^>]*from=['"]${room}/carol['"][\\s\\S]*status code=['"]110['"]`));
    }

    second = await startInProcessCore([join(BUILT_PLUGINS, 'xmpp')]);
    const running = second;
    const account = await running.client.request('accounts.add', { pluginId: 'xmpp', settings: kit.settings('dora') });
    const online = (since: number) => running.waitForEvent((e) => e.type === 'account.changed' && e.payload.account.id === account.id && e.payload.account.state === 'online', 30_000, since);
    await online(0);
    const left = await running.client.request('conversations.joinRoom', { accountId: account.id, room: gone });
    const kept = await running.client.request('conversations.joinRoom', { accountId: account.id, room: stay });
    await carol.waitFor(new RegExp(`<presence [^>]*from=['"]${stay}/dora['"]`));
    // Joining publishes an autojoin bookmark (XEP-0402): a new device of dora's would join both.
    const device = await kit.online('dora', { resource: 'tablet' });
    if (!device.connection.savedRooms) throw new Error('no savedRooms');
    expect((await device.connection.savedRooms()).map((r) => r.room).sort()).toEqual([gone, stay]);

    await running.client.request('accounts.disconnect', { accountId: account.id });
    await carol.waitFor(new RegExp(`<presence [^>]*type=['"]unavailable['"][^>]*from=['"]${stay}/dora['"]|<presence [^>]*from=['"]${stay}/dora['"][^>]*type=['"]unavailable['"]`));
    await running.client.request('conversations.leave', { conversationId: left.id });
    await running.client.request('messages.send', { conversationId: kept.id, body: 'written offline' });

    const seenBefore = carol.received.length;
    const back = running.mark();
    await running.client.request('accounts.connect', { accountId: account.id });
    await online(back);
    // The outbox drains after the whole rejoin: once its message is in, every join has been sent.
    await carol.waitFor(/<body>written offline<\/body>/, 30_000);
    const doraIn = carol.received.slice(seenBefore).filter((element) => /^<presence/.test(element) && /\/dora['"]/.test(element))
      .map((element) => new RegExp(`from=['"]([^@'"]+)@`).exec(element)?.[1] ?? '?');
    expect(doraIn).toEqual(['stay']);
    // A device logging in now finds only the room dora kept.
    const later = await kit.online('dora', { resource: 'phone' });
    if (!later.connection.savedRooms) throw new Error('no savedRooms');
    expect((await later.connection.savedRooms()).map((r) => r.room)).toEqual([stay]);
    const listed = await running.client.request('conversations.list', {});
    expect(listed.filter((c) => c.accountId === account.id).map((c) => c.networkId)).toEqual([stay]);
  });
});
