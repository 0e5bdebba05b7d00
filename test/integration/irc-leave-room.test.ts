/**
 * Issue 15, tabs and rooms: a tab is the window's, being in a room is the network's. Only
 * `conversations.leave` ("Leave room") parts the channel; every other room stays joined and
 * listed, its unread count kept.
 * End to end: the core with the built IRC plugin on ngIRCd, and bob an independent raw client.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { ConversationView } from '../../electron/bridge/schemas.js';
import { connectRawIrcClient, type RawIrcClient } from '../servers/ngircd.js';
import { startIrcCoreScene, type IrcCoreScene } from '../support/ircCoreScene.js';

let scene: IrcCoreScene | undefined;
let bob: RawIrcClient | undefined;
afterAll(async () => {
  await bob?.close();
  await scene?.stop();
});

describe('leaving an IRC room', () => {
  it('parts only the room left; the other stays joined, listed and counting', async () => {
    scene = await startIrcCoreScene();
    const { server: irc, core: running, alice } = scene;
    bob = await connectRawIrcClient({ port: irc.port, nick: 'bob' });
    const other = bob;
    other.send('JOIN #stay,#go');
    await other.waitForLine(/ 366 bob #go /);
    const stay = await running.client.request('conversations.joinRoom', { accountId: alice.id, room: '#stay' });
    const go = await running.client.request('conversations.joinRoom', { accountId: alice.id, room: '#go' });
    await other.waitForLine(/^:alice!\S+ JOIN :?#go/);

    await running.client.request('conversations.leave', { conversationId: go.id });
    await other.waitForLine(/^:alice!\S+ PART #go\b/, 10_000);
    const listed = async (): Promise<ConversationView[]> => running.client.request('conversations.list', {});
    expect((await listed()).map((c) => c.title)).toEqual(['#stay']);

    other.send('PRIVMSG #stay :still there?');
    await expect.poll(async () => (await listed()).find((c) => c.id === stay.id)?.unread, { timeout: 10_000 }).toBe(1);
    expect(other.lines.filter((line) => / PART #stay\b/.test(line))).toEqual([]);
  });
});
