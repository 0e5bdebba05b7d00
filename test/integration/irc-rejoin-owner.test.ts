/**
 * Issue 22: rooms have one owner for rejoining. After a reconnect the core joins the rooms
 * the user has open, then sends what was written offline; the IRC plugin (capability
 * `coreRejoinsRooms`) joins nothing by itself. So a room left while offline is not joined
 * again behind the user's back, a keyed channel is rejoined with its key, and a message
 * written offline reaches its channel after alice is back in it.
 * End to end: the core with the built IRC plugin on ngIRCd, and bob an independent raw client.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { connectRawIrcClient, type RawIrcClient } from '../servers/ngircd.js';
import { startIrcCoreScene, type IrcCoreScene } from '../support/ircCoreScene.js';

let scene: IrcCoreScene | undefined;
let bob: RawIrcClient | undefined;
afterAll(async () => {
  await bob?.close();
  await scene?.stop();
});

describe('rejoining IRC rooms after a reconnect', () => {
  it('joins the open rooms once, with their keys, before the outbox, and not a room left offline', async () => {
    scene = await startIrcCoreScene();
    const { core: running, alice } = scene;
    bob = await connectRawIrcClient({ port: scene.server.port, nick: 'bob' });
    const other = bob;
    other.send('JOIN #stay,#gone,#keyed');
    await other.waitForLine(/ 366 bob #keyed /);
    other.send('MODE #keyed +k sekrit');
    await other.waitForLine(/ MODE #keyed \+k/);

    const stay = await running.client.request('conversations.joinRoom', { accountId: alice.id, room: '#stay' });
    const gone = await running.client.request('conversations.joinRoom', { accountId: alice.id, room: '#gone' });
    const keyed = await running.client.request('conversations.joinRoom', { accountId: alice.id, room: '#keyed', password: 'sekrit' });
    await other.waitForLine(/^:alice!\S+ JOIN :?#keyed/);

    await running.client.request('accounts.disconnect', { accountId: alice.id });
    await other.waitForLine(/^:alice!\S+ QUIT/);
    await running.client.request('conversations.leave', { conversationId: gone.id });
    const written = await running.client.request('messages.send', { conversationId: stay.id, body: 'written offline' });
    expect(written.status).toBe('queued');

    const seenBefore = other.lines.length;
    const back = running.mark();
    await running.client.request('accounts.connect', { accountId: alice.id });
    await running.waitForEvent((e) => e.type === 'account.changed' && e.payload.account.id === alice.id && e.payload.account.state === 'online', 30_000, back);
    // The drained message is the last thing alice's rejoin sequence sends: everything before it on her connection reached bob first.
    await other.waitForLine(/^:alice!\S+ PRIVMSG #stay :written offline/, 30_000);

    const after = other.lines.slice(seenBefore).filter((line) => line.startsWith(':alice!'));
    const joins = after.filter((line) => / JOIN /.test(line)).map((line) => line.replace(/^.* JOIN :?/, ''));
    expect(joins.sort()).toEqual(['#keyed', '#stay']);
    expect(after.findIndex((line) => / JOIN :?#stay/.test(line))).toBeLessThan(after.findIndex((line) => / PRIVMSG #stay /.test(line)));

    const listed = await running.client.request('conversations.list', {});
    expect(listed.map((c) => `${c.title}: ${c.joined ? 'joined' : 'not joined'}`).sort()).toEqual(['#keyed: joined', '#stay: joined']);
    expect(listed.some((c) => c.id === keyed.id)).toBe(true);
  });

  it('joins the channels of the autojoin setting at login, a keyed one with its key', async () => {
    const running = scene?.core;
    const other = bob;
    if (!running || !other || !scene) throw new Error('the first test sets the scene up');
    other.send('JOIN #auto,#autokey');
    await other.waitForLine(/ 366 bob #autokey /);
    other.send('MODE #autokey +k k3y');
    await other.waitForLine(/ MODE #autokey \+k/);
    const carol = await running.client.request('accounts.add', {
      pluginId: 'irc', settings: { server: '127.0.0.1', port: scene.server.port, tls: false, nick: 'carol', autojoin: '#auto, #autokey k3y' },
    });
    await other.waitForLine(/^:carol!\S+ JOIN :?#auto$/, 30_000);
    await other.waitForLine(/^:carol!\S+ JOIN :?#autokey$/, 30_000);
    const rooms = async (): Promise<string[]> => (await running.client.request('conversations.list', {}))
      .filter((c) => c.accountId === carol.id).map((c) => `${c.title}: ${c.joined ? 'joined' : 'not joined'}`).sort();
    await expect.poll(rooms, { timeout: 10_000 }).toEqual(['#auto: joined', '#autokey: joined']);
  });
});
