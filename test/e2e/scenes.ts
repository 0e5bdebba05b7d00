/**
 * The servers, headless core and peers that an end-to-end file shares across its tests
 * (serial), started before the first and stopped after the last, and the steps every
 * file repeats. A scene's fields are read inside tests, once its servers are up.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { connectRawIrcClient, startNgircd, type RawIrcClient, type RunningIrcServer } from '../servers/ngircd.js';
import { startProsody, type RunningProsody } from '../servers/prosody.js';
import { startHeadlessCore, type RunningHeadlessCore } from '../support/headlessCore.js';
import { repoRoot } from '../support/paths.js';
import { addAccount } from './accountsDialog.js';

const screenshots = join(repoRoot, 'test-output', 'e2e');

/** A full-page screenshot in test-output/e2e/ (for people looking at a run, not asserted). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, name), fullPage: true });
}

/**
 * Joins `room` through the Join room dialog, on the account the Accounts list labels
 * `accountLabel` (e.g. "carol (IRC)"), else on the first account offering rooms.
 */
export async function joinRoom(page: Page, room: string, accountLabel?: string): Promise<void> {
  await page.getByRole('button', { name: 'Join room' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Join room' });
  if (accountLabel !== undefined) await dialog.getByLabel('Account').selectOption({ label: accountLabel });
  await dialog.getByLabel('Room', { exact: true }).fill(room);
  await dialog.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(dialog).toBeHidden();
}

/** Registers the file's hooks; the returned getter fails loudly if read before they ran. */
function scene<T extends object>(start: () => Promise<T>, stop: (value: T) => Promise<void>): () => T {
  let value: T | undefined;
  test.describe.configure({ mode: 'serial' });
  test.beforeAll(async () => {
    value = await start();
  });
  test.afterAll(async () => {
    if (value !== undefined) await stop(value);
  });
  return () => {
    if (value === undefined) throw new Error('the scene is not started (read it inside a test)');
    return value;
  };
}

export interface IrcScene {
  readonly irc: RunningIrcServer;
  readonly core: RunningHeadlessCore;
  /** A raw client (independent of Switchboard) already in the channel. */
  readonly bob: RawIrcClient;
}

/** ngIRCd, a headless core, and bob on a raw socket in `channel`. */
export function ircScene(channel: string): () => IrcScene {
  return scene(async () => {
    const irc = await startNgircd();
    const core = await startHeadlessCore();
    const bob = await connectRawIrcClient({ port: irc.port, nick: 'bob' });
    bob.send(`JOIN ${channel}`);
    await bob.waitForLine(new RegExp(` 366 bob ${channel.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `));
    return { irc, core, bob };
  }, async ({ irc, core, bob }) => {
    await bob.close();
    await core.stop();
    await irc.stop();
  });
}

export interface XmppPairScene {
  /** Prosody with alice@localhost (password alice-secret) and bob@localhost (bob-secret). */
  readonly xmpp: RunningProsody;
  readonly core: RunningHeadlessCore;
}

/** Prosody with two registered accounts, and a headless core for both to be added to. */
export function xmppPairScene(): () => XmppPairScene {
  return scene(async () => {
    const xmpp = await startProsody();
    await Promise.all([xmpp.register('alice', 'alice-secret'), xmpp.register('bob', 'bob-secret')]);
    return { xmpp, core: await startHeadlessCore() };
  }, async ({ xmpp, core }) => {
    await core.stop();
    await xmpp.stop();
  });
}

export interface LoopbackScene {
  readonly core: RunningHeadlessCore;
}

export const LOOPBACK_PLUGIN = join(repoRoot, 'test', 'fixtures', 'plugins', 'loopback');

/** A headless core with the loopback fixture plugin (no network: it answers by itself). */
export function loopbackScene(): () => LoopbackScene {
  return scene(async () => ({
    core: await startHeadlessCore({ pluginDirs: [LOOPBACK_PLUGIN] }),
  }), async ({ core }) => {
    await core.stop();
  });
}

/**
 * Adds a loopback account named alice through the Add account dialog and opens its chat
 * with Echo Bot; returns that conversation's log and the composer.
 */
export async function openLoopbackChat(page: Page): Promise<{ log: Locator; composer: Locator }> {
  await addAccount(page, async (dialog) => {
    await dialog.getByLabel('Network').selectOption({ label: 'Loopback' });
    await dialog.getByLabel('Name', { exact: true }).fill('alice');
  });
  await page.getByRole('button', { name: /Echo Bot/ }).first().click();
  return {
    log: page.getByRole('log', { name: 'Messages in echo-bot' }),
    composer: page.getByRole('textbox', { name: 'Message', exact: true }),
  };
}
