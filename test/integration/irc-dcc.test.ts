/**
 * Issue 21: DCC SEND with WeeChat as the other party (ngIRCd; the core with the built IRC
 * plugin as alice). A file WeeChat offers waits for the user's save (nothing connects
 * before), lands in the downloads folder with the same bytes, an interrupted one resumes
 * (DCC RESUME / ACCEPT) where it stopped; one over the save limit is refused in words; a
 * file alice sends in the private chat arrives whole at WeeChat. A hostile name from a
 * scripted sender is saved under a safe name.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationView, MessageView } from '../../electron/bridge/schemas.js';
import { startWeechat, type WeechatPeer } from '../servers/weechat.js';
import { startIrcCoreScene, type IrcCoreScene } from '../support/ircCoreScene.js';

const MIB = 1024 * 1024;

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

describe('DCC SEND with WeeChat as the other party (ngIRCd)', () => {
  let started: { scene: IrcCoreScene; peer?: WeechatPeer; dir: string } | undefined;
  const files = (dir: string): { outbox: string; weechatDownloads: string; downloads: string } => ({
    outbox: path.join(dir, 'outbox'), weechatDownloads: path.join(dir, 'weechat-downloads'), downloads: path.join(dir, 'downloads'),
  });

  beforeAll(async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-dcc-'));
    const { downloads, weechatDownloads, outbox } = files(dir);
    await mkdir(weechatDownloads);
    await mkdir(outbox);
    // The offers come from 127.0.0.1: allowed only because the account says so (dccAddresses.ts).
    started = { dir, scene: await startIrcCoreScene({ dccAllowLocal: true }, { downloadsDir: downloads, attachmentLimits: { saveBytes: MIB, previewBytes: MIB } }) };
    started.peer = await startWeechat({
      port: started.scene.server.port, nick: 'wee',
      startup: [
        `/set xfer.file.download_path ${weechatDownloads}`, '/set xfer.file.auto_accept_files on', '/set xfer.file.use_nick_in_filename off',
        '/set xfer.file.auto_resume on', '/set xfer.network.own_ip 127.0.0.1', '/set xfer.file.auto_accept_chats on',
      ],
    });
  }, 60_000);
  afterAll(async () => {
    await started?.peer?.stop();
    await started?.scene.stop();
    if (started) await rm(started.dir, { recursive: true, force: true });
  });

  function setUp(): { scene: IrcCoreScene; peer: WeechatPeer; dir: string } {
    if (!started?.peer) throw new Error('the set-up failed');
    return { scene: started.scene, peer: started.peer, dir: started.dir };
  }

  async function directWith(nick: string): Promise<ConversationView> {
    const { scene } = setUp();
    let found: ConversationView | undefined;
    await expect.poll(async () => {
      found = (await scene.core.client.request('conversations.list', {})).find((c: ConversationView) => c.accountId === scene.alice.id && c.kind === 'direct' && c.networkId === nick);
      return found !== undefined;
    }, { timeout: 10_000 }).toBe(true);
    if (!found) throw new Error('unreachable');
    return found;
  }

  /** The newest message in the chat with `nick` offering a file called `name`. */
  async function offer(nick: string, name: string, after = 0): Promise<MessageView> {
    const { scene } = setUp();
    const chat = await directWith(nick);
    let found: MessageView | undefined;
    await expect.poll(async () => {
      const list = await scene.core.client.request('messages.list', { conversationId: chat.id, limit: 50 });
      found = list.filter((m: MessageView) => m.id > after && m.direction === 'in' && m.attachments?.[0]?.name === name).at(-1);
      return found !== undefined;
    }, { timeout: 15_000 }).toBe(true);
    if (!found) throw new Error('unreachable');
    return found;
  }

  async function weechatSends(name: string, bytes: Buffer): Promise<void> {
    const { peer, dir } = setUp();
    const { outbox } = files(dir);
    await writeFile(path.join(outbox, name), bytes);
    await peer.say('server', `/dcc send alice ${path.join(outbox, name)}`);
  }

  it('waits for the user to save a file WeeChat offers, then saves it whole into the downloads folder', async () => {
    const { scene, dir } = setUp();
    const bytes = randomBytes(300 * 1024);
    await weechatSends('report.dat', bytes);
    const message = await offer('wee', 'report.dat');
    expect(message.attachments?.[0]).toMatchObject({ name: 'report.dat', size: bytes.length, kind: 'file' });
    // Offered, not accepted: nothing was fetched or written.
    expect(existsSync(files(dir).downloads) ? await readdir(files(dir).downloads) : []).toEqual([]);

    const saved = await scene.core.client.request('attachments.save', { messageId: message.id, index: 0 });
    expect(saved).toMatchObject({ name: 'report.dat', size: bytes.length, executable: false });
    expect(path.dirname(saved.path)).toBe(files(dir).downloads);
    expect(sha256(await readFile(saved.path))).toBe(sha256(bytes));
  });

  it('refuses in words to save an offer bigger than the limit, and fetches nothing', async () => {
    const { scene, dir } = setUp();
    await weechatSends('too-big.bin', randomBytes(MIB + 1));
    const message = await offer('wee', 'too-big.bin');
    await expect(scene.core.client.request('attachments.save', { messageId: message.id, index: 0 }))
      .rejects.toMatchObject({ message: 'The file is bigger than the 1 MB limit.' });
    expect((await readdir(files(dir).downloads)).filter((name) => name.startsWith('too-big'))).toEqual([]);
  });

  it('resumes an interrupted download where it stopped when WeeChat offers the file again', async () => {
    const { scene, peer, dir } = setUp();
    const bytes = randomBytes(900 * 1024);
    // Slow enough to interrupt half-way: 100 KiB/s.
    await peer.say('server', '/set xfer.network.speed_limit_send 100');
    await weechatSends('big.bin', bytes);
    const first = await offer('wee', 'big.bin');
    const mark = scene.core.events.length;
    const saving = scene.core.client.request('attachments.save', { messageId: first.id, index: 0 });
    saving.catch(() => undefined);
    await scene.core.waitForEvent((e) => e.type === 'attachment.progress' && e.payload.messageId === first.id && e.payload.receivedBytes >= 200 * 1024, 20_000, mark);
    await scene.core.client.request('attachments.cancel', { messageId: first.id, index: 0 });
    await expect(saving).rejects.toMatchObject({ message: 'The download was cancelled.' });
    await peer.say('server', '/set xfer.network.speed_limit_send 0');

    await weechatSends('big.bin', bytes);
    const again = await offer('wee', 'big.bin', first.id);
    const resumedMark = scene.core.events.length;
    const saved = await scene.core.client.request('attachments.save', { messageId: again.id, index: 0 });
    expect(sha256(await readFile(saved.path))).toBe(sha256(bytes));
    // The progress of the second try started where the first stopped, not at 0.
    const progress = await scene.core.waitForEvent((e) => e.type === 'attachment.progress' && e.payload.messageId === again.id, 10_000, resumedMark);
    expect(progress.type === 'attachment.progress' ? progress.payload.receivedBytes : 0).toBeGreaterThanOrEqual(200 * 1024);
    expect(path.dirname(saved.path)).toBe(files(dir).downloads);
  });

  it('sends a file from the private chat to WeeChat, which receives it whole', async () => {
    const { scene, dir } = setUp();
    const chat = await scene.core.client.request('conversations.openDirect', { accountId: scene.alice.id, contactId: 'wee' });
    const bytes = randomBytes(256 * 1024);
    await scene.core.client.request('messages.sendFile', { conversationId: chat.id, name: 'to weechat.bin', mimeType: 'application/octet-stream', dataBase64: bytes.toString('base64') });
    // WeeChat writes spaces in received names as underscores.
    const received = path.join(files(dir).weechatDownloads, 'to_weechat.bin');
    await expect.poll(async () => (await stat(received).catch(() => undefined))?.size, { timeout: 20_000 }).toBe(bytes.length);
    expect(sha256(await readFile(received))).toBe(sha256(bytes));
    // Delivered: the message is sent, no longer sending.
    await expect.poll(async () => (await scene.core.client.request('messages.list', { conversationId: chat.id, limit: 5 })).at(-1)?.status, { timeout: 10_000 }).toBe('sent');
  });

  it('saves an offer with a hostile name under a safe one, and connects only when saved', async () => {
    const { scene, peer, dir } = setUp();
    const bytes = Buffer.from('root:x:0:0:not really\n');
    // A scripted sender (WeeChat sends only real file names): the offer is typed as a raw CTCP.
    let connections = 0;
    const sender = net.createServer((socket) => {
      connections++;
      socket.end(bytes);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => sender.listen(0, '127.0.0.1', resolve));
    try {
      const port = (sender.address() as net.AddressInfo).port;
      await peer.say('server', `/ctcp alice DCC SEND ../../etc/passwd 2130706433 ${port} ${bytes.length}`);
      const message = await offer('wee', '../../etc/passwd');
      expect(connections).toBe(0);
      const saved = await scene.core.client.request('attachments.save', { messageId: message.id, index: 0 });
      expect(saved.name).toBe('passwd');
      expect(path.dirname(saved.path)).toBe(files(dir).downloads);
      expect(await readFile(saved.path)).toEqual(bytes);
      expect(connections).toBe(1);
    } finally {
      sender.close();
    }
  });

  /** The messages of the DCC chat with `nick` (`=nick`) that pass `match`, once there is one. */
  async function chatLines(nick: string, match: (m: MessageView) => boolean): Promise<MessageView[]> {
    const { scene } = setUp();
    let found: MessageView[] = [];
    await expect.poll(async () => {
      const chat = (await scene.core.client.request('conversations.list', {})).find((c: ConversationView) => c.accountId === scene.alice.id && c.networkId === `=${nick}`);
      found = chat ? (await scene.core.client.request('messages.list', { conversationId: chat.id, limit: 50 })).filter(match) : [];
      return found.length > 0;
    }, { timeout: 15_000 }).toBe(true);
    return found;
  }

  it('asks before a direct chat WeeChat offers (DCC CHAT), then talks both ways outside the server', async () => {
    const { scene, peer } = setUp();
    await peer.say('server', '/dcc chat alice');
    const raised = await scene.core.waitForEvent((e) => e.type === 'request.raised' && e.payload.request.accountId === scene.alice.id && e.payload.request.title === 'wee wants to chat with you directly (DCC CHAT)', 15_000);
    if (raised.type !== 'request.raised') throw new Error('unreachable');
    expect(raised.payload.request.choices.map((c) => c.label)).toEqual(['Chat', 'Decline']);
    await scene.core.client.request('requests.answer', { accountId: scene.alice.id, requestId: raised.payload.request.id, choiceId: 'accept' });
    await chatLines('wee', (m) => m.kind === 'event' && m.body === 'Direct chat with wee open (DCC): it does not go through the server.');

    await peer.raw.type('xfer.irc_dcc.test.alice', 'hello over DCC');
    expect((await chatLines('wee', (m) => m.direction === 'in' && m.kind === 'text')).map((m) => [m.senderName, m.body])).toEqual([['wee', 'hello over DCC']]);
    const chat = (await scene.core.client.request('conversations.list', {})).find((c: ConversationView) => c.networkId === '=wee');
    if (!chat) throw new Error('no chat');
    await scene.core.client.request('messages.send', { conversationId: chat.id, body: 'hello back, directly' });
    await expect.poll(async () => (await peer.raw.logged('xfer.irc_dcc.test.alice')).map((l) => [l.nick, l.text]), { timeout: 10_000 })
      .toContainEqual(['alice', 'hello back, directly']);
  });

  it('offers a direct chat with /dcc chat, which WeeChat accepts', async () => {
    const { scene, peer } = setUp();
    const opened = (await chatLines('wee', (m) => m.kind === 'event' && m.body.startsWith('Direct chat with wee open'))).length;
    await scene.core.client.request('commands.run', { accountId: scene.alice.id, command: 'dcc', args: 'chat wee' });
    await expect.poll(async () => (await chatLines('wee', (m) => m.kind === 'event' && m.body.startsWith('Direct chat with wee open'))).length, { timeout: 15_000 }).toBe(opened + 1);
    const chat = (await scene.core.client.request('conversations.list', {})).find((c: ConversationView) => c.networkId === '=wee');
    if (!chat) throw new Error('no chat');
    await scene.core.client.request('messages.send', { conversationId: chat.id, body: 'offered by alice', kind: 'action' });
    await expect.poll(async () => (await peer.raw.logged('xfer.irc_dcc.test.alice')).filter((l) => l.action).map((l) => [l.nick, l.text]), { timeout: 10_000 })
      .toContainEqual(['alice', 'offered by alice']);
  });
});
