/**
 * The unread count the desktop shows outside the window ((N) Switchboard, the badge, the
 * tray) from real traffic: the core with the built IRC plugin on ngIRCd, bob a raw client.
 * Messages in a room and a private chat add up; reading the room and removing the chat
 * from the list take theirs away; the shell's title text follows.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { ConversationView } from '../../electron/bridge/schemas.js';
import { windowTitle } from '../../electron/shell/unreadText.js';
import { connectRawIrcClient, type RawIrcClient } from '../servers/ngircd.js';
import { startIrcCoreScene, type IrcCoreScene } from '../support/ircCoreScene.js';

let scene: IrcCoreScene | undefined;
let bob: RawIrcClient | undefined;
afterAll(async () => {
  await bob?.close();
  await scene?.stop();
});

describe('the unread total from real IRC traffic', () => {
  it('counts what arrives in the room and the private chat, and drops what was read or removed', async () => {
    scene = await startIrcCoreScene();
    const { server: irc, core: running, alice } = scene;
    const heard: number[] = [];
    running.core.unread.onChange((total) => heard.push(total));
    expect(running.core.unread.get()).toBe(0);

    await running.client.request('conversations.joinRoom', { accountId: alice.id, room: '#desk' });
    bob = await connectRawIrcClient({ port: irc.port, nick: 'bob' });
    bob.send('JOIN #desk');
    await bob.waitForLine(/ 366 bob #desk /);
    bob.send('PRIVMSG #desk :first');
    bob.send('PRIVMSG #desk :second');
    bob.send('PRIVMSG alice :psst');
    await expect.poll(() => running.core.unread.get(), { timeout: 10_000 }).toBe(3);
    expect(windowTitle(running.core.unread.get())).toBe('(3) Switchboard');

    const list = async (): Promise<ConversationView[]> => running.client.request('conversations.list', {});
    const room = (await list()).find((c) => c.accountId === alice.id && c.networkId === '#desk');
    const chat = (await list()).find((c) => c.accountId === alice.id && c.kind === 'direct');
    expect([room?.unread, chat?.unread]).toEqual([2, 1]);

    await running.client.request('conversations.markRead', { conversationId: room?.id ?? 0 });
    await expect.poll(() => running.core.unread.get(), { timeout: 10_000 }).toBe(1);
    await running.client.request('conversations.leave', { conversationId: chat?.id ?? 0 });
    await expect.poll(() => running.core.unread.get(), { timeout: 10_000 }).toBe(0);
    expect(windowTitle(running.core.unread.get())).toBe('Switchboard');
    expect(heard.at(-1)).toBe(0);
    expect(heard).toContain(3);
  });
});
