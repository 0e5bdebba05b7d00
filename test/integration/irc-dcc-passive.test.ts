/**
 * Issue 21: passive ("reverse") DCC SEND for users behind NAT, with irssi as the other party
 * (WeeChat 3.8 has no passive DCC) on ngIRCd: a passive offer from irssi (port 0 + token) is
 * fetched by listening here once saved; alice, set to send passively, offers port 0 and
 * connects to where irssi listens once its user accepts. bob, whose account does not allow local addresses, is
 * told in words why irssi's offer from 127.0.0.1 is refused.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountView, ConversationView, MessageView } from '../../electron/bridge/schemas.js';
import { startIrssi } from '../servers/irssi.js';
import { startIrcCoreScene, type IrcCoreScene } from '../support/ircCoreScene.js';
import { eventually } from '../support/wsBridgeClient.js';

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

describe('passive DCC SEND with irssi as the other party (ngIRCd)', () => {
  let started: { scene: IrcCoreScene; dir: string; irssi?: Awaited<ReturnType<typeof startIrssi>>; bob?: AccountView } | undefined;

  beforeAll(async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-dcc-passive-'));
    await mkdir(path.join(dir, 'irssi-downloads'));
    await mkdir(path.join(dir, 'outbox'));
    started = { dir, scene: await startIrcCoreScene({ dccAllowLocal: true, dccPassive: true }, { downloadsDir: path.join(dir, 'downloads') }) };
    const { core, server } = started.scene;
    started.bob = await core.client.request('accounts.add', { pluginId: 'irc', settings: { server: '127.0.0.1', port: server.port, tls: false, nick: 'bob' } });
    const bobId = started.bob.id;
    await eventually('bob online', () => core.events.some((e) => e.type === 'account.changed' && e.payload.account.id === bobId && e.payload.account.state === 'online') || undefined, 15_000);
    started.irssi = await startIrssi({
      port: server.port, nick: 'irs',
      settings: `"irc/dcc" = { dcc_download_path = "${path.join(dir, 'irssi-downloads')}"; dcc_own_ip = "127.0.0.1"; };`,
    });
  }, 60_000);
  afterAll(async () => {
    await started?.irssi?.stop();
    await started?.scene.stop();
    if (started) await rm(started.dir, { recursive: true, force: true });
  });

  function setUp(): { scene: IrcCoreScene; dir: string; irssi: Awaited<ReturnType<typeof startIrssi>>; bob: AccountView } {
    if (!started?.irssi || !started.bob) throw new Error('the set-up failed');
    return { scene: started.scene, dir: started.dir, irssi: started.irssi, bob: started.bob };
  }

  /** The newest message from `nick` to `accountId` that passes `match`. */
  async function received(accountId: string, nick: string, match: (m: MessageView) => boolean): Promise<MessageView> {
    const { scene } = setUp();
    let found: MessageView | undefined;
    await expect.poll(async () => {
      const chat = (await scene.core.client.request('conversations.list', {})).find((c: ConversationView) => c.accountId === accountId && c.kind === 'direct' && c.networkId === nick);
      const list = chat ? await scene.core.client.request('messages.list', { conversationId: chat.id, limit: 50 }) : [];
      found = list.filter((m: MessageView) => m.direction === 'in' && match(m)).at(-1);
      return found !== undefined;
    }, { timeout: 15_000 }).toBe(true);
    if (!found) throw new Error('unreachable');
    return found;
  }

  it('fetches a passive offer from irssi by listening here, once saved', async () => {
    const { scene, dir, irssi } = setUp();
    const bytes = randomBytes(200 * 1024);
    await writeFile(path.join(dir, 'outbox', 'passive.dat'), bytes);
    await irssi.command(`/dcc send -passive alice ${path.join(dir, 'outbox', 'passive.dat')}`);
    const offer = await received(scene.alice.id, 'irs', (m) => m.attachments?.[0]?.name === 'passive.dat');
    const saved = await scene.core.client.request('attachments.save', { messageId: offer.id, index: 0 });
    expect(saved).toMatchObject({ name: 'passive.dat', size: bytes.length });
    expect(sha256(await readFile(saved.path))).toBe(sha256(bytes));
  });

  it('sends passively: irssi listens and alice connects to it', async () => {
    const { scene, dir, irssi } = setUp();
    const chat = await scene.core.client.request('conversations.openDirect', { accountId: scene.alice.id, contactId: 'irs' });
    const bytes = randomBytes(150 * 1024);
    await scene.core.client.request('messages.sendFile', { conversationId: chat.id, name: 'from-alice.dat', mimeType: 'application/octet-stream', dataBase64: bytes.toString('base64') });
    const arrived = path.join(dir, 'irssi-downloads', 'from-alice.dat');
    // The irssi user accepts (irssi's autoget skips port 0 as a "low port"); before the offer is there, /dcc get finds none.
    await expect.poll(async () => {
      await irssi.command('/dcc get alice');
      return (await stat(arrived).catch(() => undefined))?.size;
    }, { timeout: 20_000, interval: 1_000 }).toBe(bytes.length);
    expect(sha256(await readFile(arrived))).toBe(sha256(bytes));
    await expect.poll(async () => (await scene.core.client.request('messages.list', { conversationId: chat.id, limit: 5 })).at(-1)?.status, { timeout: 10_000 }).toBe('sent');
  });

  it('refuses an offer from a local address in words when the account does not allow them', async () => {
    const { dir, irssi, bob } = setUp();
    await writeFile(path.join(dir, 'outbox', 'lan.dat'), 'from the LAN');
    await irssi.command(`/dcc send bob ${path.join(dir, 'outbox', 'lan.dat')}`);
    const refused = await received(bob.id, 'irs', (m) => m.body.includes('lan.dat'));
    expect(refused.attachments ?? []).toEqual([]);
    expect(refused.body).toBe('irs offered the file "lan.dat" over DCC. Refused: it points to 127.0.0.1, an address of this computer or a local network, which a stranger could use to reach services that trust only local connections (allow local addresses in the account\'s DCC settings if you are on the same network).');
  });
});
