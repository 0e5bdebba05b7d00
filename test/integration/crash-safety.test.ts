/**
 * Kill -9 the headless core during an incoming flood from a real IRC server, restart it on
 * the same profile: every message that had reached the UI before the kill is still there,
 * exactly once, and the account comes back by itself and rejoins its channel.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MessageView } from '../../electron/bridge/schemas.js';
import { connectRawIrcClient, startNgircd, type RawIrcClient, type RunningIrcServer } from '../servers/ngircd.js';
import { startHeadlessCore, type RunningHeadlessCore } from '../support/headlessCore.js';
import { connectWsBridge, eventually, type WsBridge } from '../support/wsBridgeClient.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function allMessages(bridge: WsBridge, conversationId: number): Promise<MessageView[]> {
  const all: MessageView[] = [];
  let before: { timestamp: number; id: number } | undefined;
  for (;;) {
    const page = await bridge.client.request('messages.list', { conversationId, limit: 500, ...(before ? { before } : {}) });
    all.unshift(...page);
    const oldest = page[0];
    if (page.length < 500 || !oldest) return all;
    before = { timestamp: oldest.timestamp, id: oldest.id };
  }
}

describe('crash safety', () => {
  it('keeps every message the UI had shown when the core is killed during a flood', async () => {
    const irc: RunningIrcServer = await startNgircd();
    cleanups.push(() => irc.stop());
    const profileDir = mkdtempSync(join(tmpdir(), 'switchboard-crash-'));
    cleanups.push(() => rmSync(profileDir, { recursive: true, force: true }));

    let core: RunningHeadlessCore = await startHeadlessCore({ profileDir, requireRenderer: false });
    cleanups.push(() => core.stop());
    let ui = await connectWsBridge(core.url);
    const account = await ui.client.request('accounts.add', { pluginId: 'irc', settings: { server: '127.0.0.1', port: irc.port, tls: false, nick: 'keeper' } });
    await eventually('the account online', () => ui.events.some((e) => e.type === 'account.changed' && e.payload.account.id === account.id && e.payload.account.state === 'online') || undefined);
    const room = await ui.client.request('conversations.joinRoom', { accountId: account.id, room: '#flood' });

    const flooder: RawIrcClient = await connectRawIrcClient({ port: irc.port, nick: 'flooder' });
    cleanups.push(() => flooder.close());
    flooder.send('JOIN #flood');
    await flooder.waitForLine(/ 366 flooder #flood /);
    // Big enough that the kill lands mid-flood: the core stores 4,000 lines faster than the
    // check below polls (a full run saw all of them, and the room's join line, before the kill).
    const total = 20_000;
    for (let i = 1; i <= total; i++) flooder.send(`PRIVMSG #flood :flood line ${i}`);

    const shown = (): string[] => ui.events.flatMap((e) => (e.type === 'message.added' && e.payload.message.conversationId === room.id
      && e.payload.message.body.startsWith('flood line ') ? [e.payload.message.body] : []));
    await eventually('some of the flood shown', () => (shown().length >= 300 ? true : undefined));
    core.child.kill('SIGKILL');
    const seenBeforeKill = shown();
    ui.close();
    expect(seenBeforeKill.length).toBeLessThan(total); // killed mid-flood, as intended

    core = await startHeadlessCore({ profileDir, requireRenderer: false });
    ui = await connectWsBridge(core.url);
    const stored = await allMessages(ui, room.id);
    const bodies = stored.map((m) => m.body);
    const storedSet = new Set(bodies);
    expect(seenBeforeKill.filter((body) => !storedSet.has(body))).toEqual([]);
    const floodBodies = bodies.filter((body) => body.startsWith('flood line '));
    expect(new Set(floodBodies).size).toBe(floodBodies.length);
    // In order: the lines stored are an increasing run.
    const numbers = floodBodies.map((body) => Number(body.slice('flood line '.length)));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));

    // The account reconnects by itself and rejoins the channel: new lines arrive again.
    await eventually('the account online again', () => ui.events.some((e) => e.type === 'account.changed' && e.payload.account.state === 'online') || undefined);
    await flooder.waitForLine(/:keeper!\S+ JOIN :?#flood/);
    flooder.send('PRIVMSG #flood :after the restart');
    await eventually('the line after the restart', () => ui.events.some((e) => e.type === 'message.added' && e.payload.message.body === 'after the restart') || undefined);
    ui.close();
  });
});
