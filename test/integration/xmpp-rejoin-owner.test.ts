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
afterAll(async () => {
  await core?.close();
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
});
