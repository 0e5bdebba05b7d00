/**
 * Issue 12: when the other person in an IRC private chat changes nick, the conversation
 * follows them, as WeeChat and HexChat do: the same conversation, its history kept, shows
 * the change, and a reply from it reaches the new nick instead of bouncing off the old one.
 * End to end: the core with the built IRC plugin on ngIRCd, and bob an independent raw client.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { ConversationView, MessageView } from '../../electron/bridge/schemas.js';
import { connectRawIrcClient, type RawIrcClient } from '../servers/ngircd.js';
import { startIrcCoreScene, type IrcCoreScene } from '../support/ircCoreScene.js';

let scene: IrcCoreScene | undefined;
let bob: RawIrcClient | undefined;
afterAll(async () => {
  await bob?.close();
  await scene?.stop();
});

describe('IRC private chat when the other person changes nick', () => {
  it('keeps one conversation with its history, says so, and sends the reply to the new nick', async () => {
    scene = await startIrcCoreScene();
    const { server: irc, core: running, alice } = scene;
    // Nick changes reach only those who share a channel with the person.
    await running.client.request('conversations.joinRoom', { accountId: alice.id, room: '#together' });
    bob = await connectRawIrcClient({ port: irc.port, nick: 'bob' });
    const other = bob;
    other.send('JOIN #together');
    await other.waitForLine(/ 366 bob #together /);

    other.send('PRIVMSG alice :hello from bob');
    const direct = async (): Promise<ConversationView | undefined> =>
      (await running.client.request('conversations.list', {})).find((c: ConversationView) => c.accountId === alice.id && c.kind === 'direct');
    await expect.poll(async () => (await direct())?.networkId, { timeout: 10_000 }).toBe('bob');
    const before = await direct();
    const bodies = async (): Promise<string[]> =>
      (await running.client.request('messages.list', { conversationId: before?.id ?? 0, limit: 50 })).map((m: MessageView) => m.body);
    await expect.poll(bodies, { timeout: 10_000 }).toContain('hello from bob');

    other.send('NICK robert');
    await other.waitForLine(/^:bob!\S+ NICK :?robert/);
    await expect.poll(async () => (await direct())?.networkId, { timeout: 10_000 }).toBe('robert');
    const after = await direct();
    expect(after).toMatchObject({ id: before?.id, title: 'robert' });
    await expect.poll(bodies, { timeout: 10_000 }).toContain('bob is now known as robert');

    await running.client.request('messages.send', { conversationId: before?.id ?? 0, body: 'hi again' });
    await other.waitForLine(/^:alice!\S+ PRIVMSG robert :hi again$/, 10_000);
    other.send('PRIVMSG alice :got it');
    await expect.poll(bodies, { timeout: 10_000 }).toContain('got it');
    expect(await bodies()).toEqual(['hello from bob', 'bob is now known as robert', 'hi again', 'got it']);
    const directs = (await running.client.request('conversations.list', {})).filter((c: ConversationView) => c.accountId === alice.id && c.kind === 'direct');
    expect(directs).toHaveLength(1);
  });
});
