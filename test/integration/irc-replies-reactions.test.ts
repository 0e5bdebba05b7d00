/**
 * Replies, reactions and real name changes between two accounts of the plugin through
 * InspIRCd 3 (the IRCv3 server here: `ircv3_ctctags` relays the client tags `+draft/reply`
 * and `+draft/react`, `setname` the SETNAME command). What InspIRCd does not offer
 * (message-redaction, multiline, read-marker, bouncer-networks) is tested against the
 * scripted server in protocols/irc.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AccountFieldValue } from '../../protocols/api/index.js';
import ircPlugin from '../../protocols/irc/index.js';
import { TestAccount } from '../conformance/index.js';
import { startIrcv3Server, type RunningIrcv3Server } from '../servers/ergo.js';

const accounts: TestAccount[] = [];
let server: RunningIrcv3Server;

beforeAll(async () => {
  server = await startIrcv3Server();
}, 120_000);
afterAll(async () => { await server.stop(); });
afterEach(async () => {
  await Promise.all(accounts.splice(0).map((a) => a.connection.disconnect()));
});

async function me(nick: string): Promise<TestAccount> {
  const settings: Record<string, AccountFieldValue> = { server: '127.0.0.1', port: server.port, tls: false, nick };
  const account = new TestAccount(ircPlugin, settings, 15_000);
  accounts.push(account);
  await account.connection.connect();
  return account;
}

describe('IRCv3 client tags and setname through InspIRCd', () => {
  it('a reply arrives as a reply to the message, a reaction as a reaction, both ways', async () => {
    const alice = await me('alice');
    const bob = await me('bob');
    await alice.connection.joinRoom?.({ room: '#tags' });
    await bob.connection.joinRoom?.({ room: '#tags' });
    await alice.waitFor('bob in the room', () => (alice.memberIds('#tags').includes('bob') ? true : undefined));
    await alice.connection.sendMessage({ conversationId: '#tags', localId: 'q', kind: 'text', body: 'lunch?' });
    const question = await bob.waitForMessage('the question', (m) => m.body === 'lunch?');
    expect(question.networkId).toEqual(expect.any(String));
    const msgid = question.networkId ?? '';

    await bob.connection.sendMessage({ conversationId: '#tags', localId: 'a', kind: 'text', body: 'yes!', replyTo: { networkId: msgid } });
    const answer = await alice.waitForMessage('the reply', (m) => m.body === 'yes!');
    expect(answer.replyTo).toEqual({ networkId: msgid });

    await bob.connection.react?.('#tags', msgid, ['🍕']);
    const pizza = await alice.waitForEvent('reactions.changed', (e) => e.senderId === 'bob');
    expect([pizza.targetNetworkId, pizza.reactions]).toEqual([msgid, ['🍕']]);
    await alice.connection.react?.('#tags', msgid, ['👍']);
    const thumbs = await bob.waitForEvent('reactions.changed', (e) => e.senderId === 'alice');
    expect(thumbs.reactions).toEqual(['👍']);
  });

  it('a real name change is shown in the shared channel', async () => {
    const alice = await me('alice');
    const bob = await me('bob');
    await alice.connection.joinRoom?.({ room: '#names' });
    await bob.connection.joinRoom?.({ room: '#names' });
    await alice.waitFor('bob in the room', () => (alice.memberIds('#names').includes('bob') ? true : undefined));
    await bob.connection.runCommand?.('setname', 'Robert Tables', '#names');
    const line = await alice.waitForMessage('the change', (m) => m.kind === 'event' && m.body.includes('real name'));
    expect([line.conversationId, line.body]).toEqual(['#names', 'bob changed their real name to "Robert Tables"']);
    await bob.waitForEvent('server.notice', (e) => e.text === 'Your real name is now "Robert Tables".');
  });
});
