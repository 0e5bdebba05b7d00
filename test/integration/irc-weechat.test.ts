/**
 * Issue 21: a real IRC client, WeeChat, as the other party (not only raw sockets): the core
 * with the built IRC plugin as alice on ngIRCd, WeeChat as "wee". Channel and query both
 * ways, /me both ways, a long line of multi-byte text split without breaking a character,
 * topic and nick changes, and WeeChat's formatting shown as formatting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationView, MessageView } from '../../electron/bridge/schemas.js';
import { startWeechat, type WeechatPeer } from '../servers/weechat.js';
import { startIrcCoreScene, type IrcCoreScene } from '../support/ircCoreScene.js';

let started: { scene: IrcCoreScene; wee?: WeechatPeer } | undefined;
beforeAll(async () => {
  started = { scene: await startIrcCoreScene() };
  started.wee = await startWeechat({ port: started.scene.server.port, nick: 'wee' });
}, 60_000);
afterAll(async () => {
  await started?.wee?.stop();
  await started?.scene.stop();
});

function setUp(): { scene: IrcCoreScene; wee: WeechatPeer } {
  if (!started?.wee) throw new Error('the set-up failed');
  return { scene: started.scene, wee: started.wee };
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
  const { scene } = setUp();
  return scene.core.client.request('messages.list', { conversationId: of.id, limit: 100 });
}

async function joinedRoom(): Promise<ConversationView> {
  const { scene, wee } = setUp();
  await wee.type('server', '/join #weechat');
  await wee.waitForLogged('#weechat', (_nick, text) => /wee .*has joined #weechat/.test(text));
  await scene.core.client.request('conversations.joinRoom', { accountId: scene.alice.id, room: '#weechat' });
  await wee.waitForLogged('#weechat', (_nick, text) => /alice .*has joined #weechat/.test(text));
  return conversation((c) => c.networkId === '#weechat');
}

describe('IRC with WeeChat as the other party (ngIRCd)', () => {
  it('talks in a channel both ways, /me both ways, and shows WeeChat\'s bold and colour as formatting', async () => {
    const { scene, wee } = setUp();
    const room = await joinedRoom();
    await wee.type('#weechat', 'hello from WeeChat');
    await wee.type('#weechat', '/me waves from WeeChat');
    // WeeChat sends what is typed as it is: ^B for bold, ^C04 for red (mIRC codes).
    await wee.type('#weechat', 'plain \x02bold\x02 and \x0304red\x03 text');
    await expect.poll(async () => (await messages(room)).filter((m) => m.senderName === 'wee').map((m) => [m.kind, m.body]), { timeout: 10_000 }).toEqual([
      ['text', 'hello from WeeChat'],
      ['action', 'waves from WeeChat'],
      ['text', 'plain bold and red text'],
    ]);
    const formatted = (await messages(room)).find((m) => m.body === 'plain bold and red text');
    expect(formatted?.html).toMatch(/<b>bold<\/b>/);
    expect(formatted?.html).toMatch(/<span[^>]*>red<\/span>/);

    await scene.core.client.request('messages.send', { conversationId: room.id, body: 'hello from Switchboard' });
    await scene.core.client.request('messages.send', { conversationId: room.id, body: 'waves back', kind: 'action' });
    await wee.waitForLogged('#weechat', (nick, text) => nick.endsWith('alice') && text === 'hello from Switchboard');
    await wee.waitForLogged('#weechat', (nick, text) => nick.trim() === '*' && text === 'alice waves back');
  });

  it('talks in a private chat both ways', async () => {
    const { scene, wee } = setUp();
    await wee.type('server', '/query alice psst, alice');
    const direct = await conversation((c) => c.kind === 'direct' && c.networkId === 'wee');
    await expect.poll(async () => (await messages(direct)).map((m) => m.body), { timeout: 10_000 }).toEqual(['psst, alice']);
    await scene.core.client.request('messages.send', { conversationId: direct.id, body: 'psst yourself' });
    await wee.waitForLogged('alice', (nick, text) => nick.endsWith('alice') && text === 'psst yourself');
  });

  it('splits a long line of multi-byte text so WeeChat gets every character whole', async () => {
    const { scene, wee } = setUp();
    const room = await conversation((c) => c.networkId === '#weechat');
    // 700 characters of 2-, 3- and 4-byte UTF-8 without spaces: cut inside the word, never inside a character.
    const text = 'äß€😀ñ'.repeat(140);
    await scene.core.client.request('messages.send', { conversationId: room.id, body: text });
    const received = async (): Promise<string> =>
      (await wee.logged('#weechat')).filter(([nick, line]) => nick.endsWith('alice') && /^[äß€😀ñ]+$/u.test(line)).map(([, line]) => line).join('');
    await expect.poll(received, { timeout: 10_000 }).toBe(text);
    const lines = (await wee.logged('#weechat')).filter(([nick, line]) => nick.endsWith('alice') && /^[äß€😀ñ]+$/u.test(line));
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.some(([, line]) => line.includes('\uFFFD'))).toBe(false);
  });

  it('shows WeeChat\'s topic and nick changes', async () => {
    const { wee } = setUp();
    const room = await conversation((c) => c.networkId === '#weechat');
    await wee.type('#weechat', '/topic A topic set in WeeChat');
    await expect.poll(async () => (await conversation((c) => c.id === room.id)).topic, { timeout: 10_000 }).toBe('A topic set in WeeChat');
    await wee.type('server', '/nick weenew');
    await expect.poll(async () => (await messages(room)).map((m) => m.body), { timeout: 10_000 }).toContain('wee is now known as weenew');
    await wee.type('#weechat', 'said under the new nick');
    await expect.poll(async () => (await messages(room)).filter((m) => m.body === 'said under the new nick').map((m) => m.senderName), { timeout: 10_000 }).toEqual(['weenew']);
  });
});
