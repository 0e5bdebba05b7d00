/**
 * A disk that fills while messages flow both ways (issue "Edges that hold", disk full): the
 * core keeps running, says so (free space and folder, for the banner), holds what comes in
 * and keeps the outbox as it is, and once space is back stores everything once, sends the
 * queued messages once, and nothing confirmed is failed at the next start. The profile is
 * on a real 16 MB tmpfs (mounting needs root, as the tests have on CI), filled by a file.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../electron/bridge/contract.js';
import { FIXTURE_PLUGINS, startInProcessCore, type InProcessCore } from '../support/inProcessCore.js';
import { fillDisk, mountSmallDisk } from '../support/smallDisk.js';

const loopback = join(FIXTURE_PLUGINS, 'loopback');
const cleanup: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  // Every step runs (the tmpfs is unmounted) even when one fails, e.g. closing a core that crashed.
  const failures: unknown[] = [];
  for (const step of cleanup.splice(0).reverse()) {
    try {
      await step();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
});

/** A fresh tmpfs of `size`, unmounted after the test. */
function smallDisk(size: string): string {
  const disk = mountSmallDisk(size);
  cleanup.push(() => { disk.remove(); });
  return disk.path;
}

const online = (accountId: string) => (e: BridgeEvent): boolean =>
  e.type === 'account.changed' && e.payload.account.id === accountId && e.payload.account.state === 'online';

describe('a disk that fills while messages flow', () => {
  it('keeps the core running, says the disk is full, and once space is back loses and doubles nothing', async () => {
    // In headless mode an unhandled rejection ends the process: here it fails the test at once.
    let crash: (reason: unknown) => void = () => undefined;
    const crashed = new Promise<never>((_, reject) => {
      crash = (reason) => reject(new Error(`The core would have crashed: unhandled rejection ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));
    });
    crashed.catch(() => undefined);
    process.on('unhandledRejection', crash);
    cleanup.push(() => void process.off('unhandledRejection', crash));
    const alive = <T>(work: Promise<T>): Promise<T> => Promise.race([work, crashed]);

    const disk = smallDisk('16m');
    const profile = join(disk, 'profile');
    const filler = join(disk, 'filler');
    const hold = join(mkdtempSync(join(tmpdir(), 'switchboard-hold-')), 'network-slow');
    writeFileSync(hold, '');
    cleanup.push(() => rmSync(hold, { force: true }));

    const first: InProcessCore = await startInProcessCore([loopback], profile);
    let firstOpen = true;
    cleanup.push(() => (firstOpen ? first.close() : undefined));
    cleanup.push(() => rmSync(filler, { force: true }));
    const account = await first.client.request('accounts.add', { pluginId: 'loopback', settings: { name: 'alice' } });
    await first.waitForEvent(online(account.id));
    const chat = await first.client.request('conversations.openDirect', { accountId: account.id, contactId: 'bob' });
    await first.client.request('accounts.disconnect', { accountId: account.id });
    const bodies = [`hold while ${hold}`, 'second', 'third', 'fourth'];
    const queued = [];
    for (const body of bodies) queued.push(await first.client.request('messages.send', { conversationId: chat.id, body }));
    expect(queued.map((m) => m.status)).toEqual(['queued', 'queued', 'queued', 'queued']);

    // The outbox starts draining; the network holds the first message while the disk fills.
    await first.client.request('accounts.connect', { accountId: account.id });
    const firstId = queued[0]?.id;
    await first.waitForEvent((e) => e.type === 'message.updated' && e.payload.message.id === firstId && e.payload.message.status === 'sending');
    fillDisk(filler);
    rmSync(hold);

    // The confirmation and the echo of the first message, and the rest of the outbox, meet a full disk.
    const full = await alive(first.waitForEvent((e) => e.type === 'storage.state' && e.payload.state === 'full'));
    expect(full.type === 'storage.state' && full.payload).toMatchObject({ state: 'full', folder: profile, dropped: 0 });
    expect(full.type === 'storage.state' && full.payload.state === 'full' && full.payload.freeBytes).toBeLessThan(1 << 20);
    expect(await first.client.request('storage.state', {})).toMatchObject({ state: 'full', folder: profile });
    // A message written now cannot be saved: the user is told so, in words.
    await expect(first.client.request('messages.send', { conversationId: chat.id, body: 'written while full' })).rejects.toMatchObject({
      message: 'The disk is full: this could not be saved. Free some space on the disk of the profile folder.',
    });
    // Nothing went out behind the held message's back, and nothing was marked failed.
    const statusesOf = (core: InProcessCore, id: number | undefined): string[] =>
      core.events.flatMap((e) => (e.type === 'message.updated' && e.payload.message.id === id ? [e.payload.message.status] : []));
    for (const message of queued.slice(1)) expect(statusesOf(first, message.id)).toEqual([]);

    // Space is back: everything resumes by itself.
    const freed = first.mark();
    rmSync(filler);
    await alive(first.waitForEvent((e) => e.type === 'storage.state' && e.payload.state === 'ok', 15_000, freed));
    for (const body of bodies) {
      await alive(first.waitForEvent((e) => e.type === 'message.added' && e.payload.message.body === `echo: ${body}`));
    }
    for (const message of queued) {
      await alive(first.waitForEvent((e) => e.type === 'message.updated' && e.payload.message.id === message.id && e.payload.message.status === 'sent'));
    }
    firstOpen = false;
    await first.close();

    // After a restart: every message once, the user's all sent (none failed), each echo stored once.
    const second = await startInProcessCore([loopback], profile);
    cleanup.push(() => second.close());
    const page = await second.client.request('messages.list', { conversationId: chat.id, limit: 50 });
    expect(page.some((m) => m.body === 'written while full')).toBe(false);
    for (const body of bodies) {
      expect(page.filter((m) => m.body === body).map((m) => m.status), body).toEqual(['sent']);
      expect(page.filter((m) => m.body === `echo: ${body}`), `echo: ${body}`).toHaveLength(1);
    }
    expect(existsSync(filler)).toBe(false);
  });
});
