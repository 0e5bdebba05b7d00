/**
 * After a reconnect, what the archive catch-up (XEP-0313) brings back and what arrives live
 * must show in the order it was said, in the conversation as the core stores it (the order
 * the user reads), whatever this machine's clock says against the server's.
 *
 * The server-kill fault test (fault-xmpp-server-kill) saw this now and then: Prosody dates
 * archived messages in whole seconds, our live messages are dated by our clock when they
 * arrive, and the core places a caught-up message by its time; a message archived in the
 * same second as the last one seen live landed above it. Here a clock an hour off makes the
 * same happen every time: ahead, the caught-up message is dated before the last one seen
 * live; behind, a live message that arrives while the catch-up waits (its storage read held
 * here) is dated before the caught-up one.
 *
 * Against Prosody without offline storage (XEP-0160 off: `mod_offline` disabled), so that
 * what is said while the account is away comes back only through the archive.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { IncomingMessage } from '../../protocols/api/index.js';
import { EventBatcher } from '../../electron/core/bridge/eventBatcher.js';
import { ConversationViews } from '../../electron/core/conversations/conversationViews.js';
import { IncomingMessages } from '../../electron/core/conversations/incomingMessages.js';
import { openDatabase } from '../../electron/core/store/database.js';
import { AccountsRepository } from '../../electron/core/store/accountsRepository.js';
import { ConversationsRepository } from '../../electron/core/store/conversationsRepository.js';
import { MessagesRepository } from '../../electron/core/store/messagesRepository.js';
import { createMemoryPersistence, type AccountPersistence, type TestAccount } from '../conformance/index.js';
import { escapeXml, startXmppKit, type RawXmppClient, type XmppKit } from '../servers/prosody/xmppTestKit.js';

const HOUR = 3_600_000;
let kit: XmppKit;
beforeAll(async () => {
  kit = await startXmppKit({ extraConfig: ['modules_disabled = { "s2s", "offline_email", "offline" }'] }, 30_000);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await kit.closeAll();
});
afterAll(async () => {
  await kit.stop();
});

/** This machine's clock, `offsetMs` off the server's (which runs on the same machine). */
function clockOff(offsetMs: number): void {
  const real = Date.now.bind(Date);
  vi.spyOn(Date, 'now').mockImplementation(() => real() + offsetMs);
}

/** The core's store for one account: messages as the plugin emitted them, in that order; read back as the log shows them. */
function storeOf(messages: readonly IncomingMessage[], peer: string): string[] {
  const db = openDatabase(':memory:');
  new AccountsRepository(db).insert({ id: 'account', pluginId: 'xmpp', settings: {}, secretKeys: [], enabled: true, createdAt: 1 });
  const conversations = new ConversationsRepository(db);
  const repository = new MessagesRepository(db);
  const events = new EventBatcher();
  const incoming = new IncomingMessages(conversations, repository, new ConversationViews(conversations, events, () => undefined), events);
  for (const message of messages) incoming.store('account', message);
  const conversation = conversations.find('account', peer);
  if (!conversation) throw new Error(`no conversation with ${peer} stored`);
  return repository.page(conversation.id, 100).filter((m) => m.direction === 'in').map((m) => m.body);
}

/** `from` says `body` to `to`; resolves once the server has routed (and archived) it. */
async function say(from: RawXmppClient, to: string, body: string, receipt = false): Promise<void> {
  const id = escapeXml(body.replace(/\W/g, '-'));
  from.send(`<message to='${to}' type='chat' id='${id}'><body>${escapeXml(body)}</body>${receipt ? "<request xmlns='urn:xmpp:receipts'/>" : ''}</message>`);
  // One session's stanzas are handled in order: the ping's answer comes after the message was routed.
  await from.iq(`<iq type='get' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>`);
}

/**
 * The account is available to the server: "online" is reported once the initial presence is
 * sent, not once the server took it, and until then a message to its bare JID goes to the
 * archive only (no offline storage here). It says so to the peer, after the presence, on the same stream.
 */
async function available(account: TestAccount, peer: RawXmppClient, tag: string): Promise<void> {
  await account.connection.sendMessage({ conversationId: peer.jid.split('/')[0] ?? peer.jid, localId: tag, kind: 'text', body: tag });
  await peer.waitFor(new RegExp(`<body>${tag}</body>`));
}

/** The account's persistence, whose read of the archive position waits while `held` (a slow disk, a busy core). */
function slowPosition(persistence: AccountPersistence): { readonly persistence: AccountPersistence; hold(): void; release(): void; readonly asked: Promise<void> } {
  let held = false;
  let release = (): void => undefined;
  let asked = (): void => undefined;
  const gate = new Promise<void>((resolve) => { release = resolve; });
  const askedPromise = new Promise<void>((resolve) => { asked = resolve; });
  return {
    persistence: {
      ...persistence,
      storage: {
        ...persistence.storage,
        get: async (key) => {
          if (held && key === 'mam.self') {
            asked();
            await gate;
          }
          return persistence.storage.get(key);
        },
      },
    },
    hold: () => { held = true; },
    release: () => release(),
    asked: askedPromise,
  };
}

describe('XMPP catch-up after a reconnect, in the order it was said', () => {
  it('with this clock ahead of the server: what was missed shows after what was seen before the drop', async () => {
    clockOff(HOUR);
    const persistence = createMemoryPersistence();
    const alice = await kit.raw('alice');
    const bob = await kit.online('bob', {}, persistence);
    await available(bob, alice, 'here');
    await say(alice, 'bob@localhost', 'seen 1');
    await bob.waitForMessage('the message bob saw', (m) => m.body === 'seen 1');
    await bob.connection.disconnect();

    await say(alice, 'bob@localhost', 'missed 2');
    await say(alice, 'bob@localhost', 'missed 3');
    const back = kit.account('bob', {}, persistence);
    await back.connection.connect();
    await back.waitForMessage('the last missed message', (m) => m.body === 'missed 3');

    expect(storeOf([...bob.received(), ...back.received()], 'alice@localhost')).toEqual(['seen 1', 'missed 2', 'missed 3']);
  });

  it('with this clock behind the server: a live message that arrives during a slow catch-up shows after what it brings', async () => {
    clockOff(-HOUR);
    const stored = createMemoryPersistence();
    const carol = await kit.raw('carol');
    const dave = await kit.online('dave', {}, stored);
    await available(dave, carol, 'here');
    await say(carol, 'dave@localhost', 'seen 1');
    await dave.waitForMessage('the message dave saw', (m) => m.body === 'seen 1');
    await dave.connection.disconnect();

    await say(carol, 'dave@localhost', 'missed 2');
    const slow = slowPosition(stored);
    slow.hold();
    const back = kit.account('dave', {}, slow.persistence);
    await back.connection.connect();
    await slow.asked; // the catch-up has begun, and waits
    await available(back, carol, 'back'); // (dave talks to carol: receipts may go to her, XEP-0184 §8)
    await say(carol, 'dave@localhost', 'live 3', true);
    // Dave's client has taken it: its receipt is back (sent at once, whatever is shown when).
    await carol.waitFor(/<received(?=[^>]*urn:xmpp:receipts)(?=[^>]*live-3)/);
    slow.release();
    await back.waitForMessage('the missed message', (m) => m.body === 'missed 2');
    await back.waitForMessage('the live message', (m) => m.body === 'live 3');

    expect(storeOf([...dave.received(), ...back.received()], 'carol@localhost')).toEqual(['seen 1', 'missed 2', 'live 3']);
  });
});
