/**
 * Issue 21: real IRC clients, WeeChat and irssi, as the other party (not only raw sockets):
 * the core with the built IRC plugin as alice on ngIRCd. Channel and query both ways, /me
 * both ways, a long line of multi-byte text split without breaking a character, topic and
 * nick changes, and the client's bold and colour shown as formatting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationView, MessageView } from '../../electron/bridge/schemas.js';
import type { IrcClientPeer } from '../servers/ircClientPeer.js';
import { startIrssi } from '../servers/irssi.js';
import { startWeechat } from '../servers/weechat.js';
import { startIrcCoreScene, type IrcCoreScene } from '../support/ircCoreScene.js';

const CLIENTS = [
  { name: 'WeeChat', nick: 'wee', start: startWeechat },
  { name: 'irssi', nick: 'irs', start: startIrssi },
] as const;

describe.each(CLIENTS)('IRC with $name as the other party (ngIRCd)', ({ nick, start }) => {
  const channel = `#with-${nick}`;
  let started: { scene: IrcCoreScene; peer?: IrcClientPeer } | undefined;
  beforeAll(async () => {
    started = { scene: await startIrcCoreScene() };
    started.peer = await start({ port: started.scene.server.port, nick });
  }, 60_000);
  afterAll(async () => {
    await started?.peer?.stop();
    await started?.scene.stop();
  });

  function setUp(): { scene: IrcCoreScene; peer: IrcClientPeer } {
    if (!started?.peer) throw new Error('the set-up failed');
    return { scene: started.scene, peer: started.peer };
  }

  async function conversation(find: (c: ConversationView) => boolean): Promise<ConversationView> {
    const { scene } = setUp();
    let found: ConversationView | undefined;
    await expect.poll(async () => {
      found = (await scene.core.client.request('conversations.list', {})).find((c: ConversationView) => c.accountId === scene.alice.id && find(c));
      return found !== undefined;
    }, { timeout: 10_000 }).toBe(true);
    if (!found) throw new Error('unreachable');
    return found;
  }

  async function messages(of: ConversationView): Promise<MessageView[]> {
    return setUp().scene.core.client.request('messages.list', { conversationId: of.id, limit: 100 });
  }

  it('talks in a channel both ways, /me both ways, and shows the client\'s bold and colour as formatting', async () => {
    const { scene, peer } = setUp();
    await peer.join(channel);
    await scene.core.client.request('conversations.joinRoom', { accountId: scene.alice.id, room: channel });
    await peer.waitForLogged(channel, (line) => /^alice .*has joined/.test(line.text));
    const room = await conversation((c) => c.networkId === channel);

    await peer.say(channel, 'hello from the other client');
    await peer.act(channel, 'waves from the other client');
    // Both clients send what is typed as it is: ^B for bold, ^C04 for red (mIRC codes).
    await peer.say(channel, 'plain \x02bold\x02 and \x0304red\x03 text');
    await expect.poll(async () => (await messages(room)).filter((m) => m.senderName === nick).map((m) => [m.kind, m.body]), { timeout: 10_000 }).toEqual([
      ['text', 'hello from the other client'],
      ['action', 'waves from the other client'],
      ['text', 'plain bold and red text'],
    ]);
    const formatted = (await messages(room)).find((m) => m.body === 'plain bold and red text');
    expect(formatted?.html).toMatch(/<b>bold<\/b>/);
    expect(formatted?.html).toMatch(/<span[^>]*>red<\/span>/);

    await scene.core.client.request('messages.send', { conversationId: room.id, body: 'hello from Switchboard' });
    await scene.core.client.request('messages.send', { conversationId: room.id, body: 'waves back', kind: 'action' });
    await peer.waitForLogged(channel, (line) => line.nick === 'alice' && !line.action && line.text === 'hello from Switchboard');
    await peer.waitForLogged(channel, (line) => line.nick === 'alice' && line.action && line.text === 'waves back');
  });

  it('talks in a private chat both ways', async () => {
    const { scene, peer } = setUp();
    await peer.query('alice', 'psst, alice');
    const direct = await conversation((c) => c.kind === 'direct' && c.networkId === nick);
    await expect.poll(async () => (await messages(direct)).map((m) => m.body), { timeout: 10_000 }).toEqual(['psst, alice']);
    await scene.core.client.request('messages.send', { conversationId: direct.id, body: 'psst yourself' });
    await peer.waitForLogged('alice', (line) => line.nick === 'alice' && line.text === 'psst yourself');
  });

  it('splits a long line of multi-byte text so the client gets every character whole', async () => {
    const { scene, peer } = setUp();
    const room = await conversation((c) => c.networkId === channel);
    // 700 characters of 2-, 3- and 4-byte UTF-8 without spaces: cut inside the word, never inside a character.
    const text = 'äß€😀ñ'.repeat(140);
    await scene.core.client.request('messages.send', { conversationId: room.id, body: text });
    const pieces = async (): Promise<string[]> =>
      (await peer.logged(channel)).filter((line) => line.nick === 'alice' && /^[äß€😀ñ\uFFFD]+$/u.test(line.text)).map((line) => line.text);
    await expect.poll(async () => (await pieces()).join(''), { timeout: 10_000 }).toBe(text);
    expect((await pieces()).length).toBeGreaterThan(1);
  });

  it('shows the client\'s topic and nick changes', async () => {
    const { peer } = setUp();
    const room = await conversation((c) => c.networkId === channel);
    await peer.setTopic(channel, 'A topic set by the other client');
    await expect.poll(async () => (await conversation((c) => c.id === room.id)).topic, { timeout: 10_000 }).toBe('A topic set by the other client');
    await peer.changeNick(`${nick}new`);
    await expect.poll(async () => (await messages(room)).map((m) => m.body), { timeout: 10_000 }).toContain(`${nick} is now known as ${nick}new`);
    await peer.say(channel, 'said under the new nick');
    await expect.poll(async () => (await messages(room)).filter((m) => m.body === 'said under the new nick').map((m) => m.senderName), { timeout: 10_000 }).toEqual([`${nick}new`]);
  });
});
