/**
 * The LAN plugin (XEP-0174, examples/lan-messenger) end to end, as a user meets a third
 * party's plugin: built against the packed SDK and packed with `npm pack`
 * (test/support/lanPlugin.ts), picked in two Switchboards' Plugins dialogs, installed after
 * its manifest was shown, and run in the sandbox, each Switchboard's plugin process on its
 * own host of a private Ethernet of network namespaces (SWITCHBOARD_SANDBOX_EXEC_PATH), so
 * that no multicast DNS reaches the machine's real network. Alice and Bob find each other in
 * their buddy lists, chat both ways, and each Plugins dialog shows the plugin's memory and CPU.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startHeadlessCore, type RunningHeadlessCore } from '../support/headlessCore.js';
import { buildLanPlugin, type BuiltLanPlugin } from '../support/lanPlugin.js';
import { createPrivateLan, nodeOnHost, privateLanUnavailable, type PrivateLan } from '../support/privateLan.js';
import { addAccount } from './accountsDialog.js';
import { screenshot } from './scenes.js';

const NETWORK = 'LAN (link-local)';
let work = '';
let lan: PrivateLan | undefined;
let built: BuiltLanPlugin | undefined;
const cores: RunningHeadlessCore[] = [];

test.beforeAll(async () => {
  test.setTimeout(400_000);
  const missing = privateLanUnavailable();
  if (missing) throw new Error(`The LAN plugin's end-to-end test runs on a private network of namespaces, which cannot be made here: ${missing}.`);
  work = mkdtempSync(join(tmpdir(), 'switchboard-e2e-lan-'));
  built = await buildLanPlugin(work);
  lan = createPrivateLan(2);
  for (const host of lan.hosts) {
    cores.push(await startHeadlessCore({ env: { SWITCHBOARD_SANDBOX_EXEC_PATH: nodeOnHost(host, work) } }));
  }
});

test.afterAll(async () => {
  await Promise.all(cores.splice(0).map((core) => core.stop()));
  lan?.remove();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Plugins → Install plugin… → the packed plugin; its manifest is shown, and Install installs it. */
async function installLanPlugin(page: Page): Promise<void> {
  if (!built) throw new Error('the plugin was not built');
  await page.getByRole('toolbar', { name: 'Buddy list tools' }).getByRole('button', { name: 'Plugins' }).click();
  const dialog = page.getByRole('dialog', { name: 'Plugins' });
  await dialog.getByRole('button', { name: 'Install plugin…' }).click();
  await dialog.getByLabel('Packed plugin (.tgz)').setInputFiles({ name: 'switchboard-lan-1.0.0.tgz', mimeType: 'application/gzip', buffer: built.tarball });
  const confirm = dialog.getByRole('region', { name: 'Install this plugin?' });
  await expect(confirm.getByRole('heading')).toHaveText(`Install ${NETWORK} 1.0.0?`);
  await expect(confirm).toContainText('AuthorThe Switchboard examples');
  await expect(confirm).toContainText('CapabilitiesdirectMessages, contactList, presence, actions');
  await expect(confirm.getByRole('list', { name: 'What it will be allowed to do' })).toContainText('Connect to the network');
  await confirm.getByRole('button', { name: 'Install' }).click();
  await expect(dialog.getByRole('list', { name: 'Plugins' }).getByRole('listitem', { name: NETWORK })).toContainText('Installed, in its own sandboxed process');
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
}

async function addLanAccount(page: Page, name: string, nick: string): Promise<void> {
  await addAccount(page, async (form) => {
    await form.getByLabel('Network').selectOption({ label: NETWORK });
    await form.getByLabel('Your name on the network').fill(name);
    await form.getByLabel('Name others see').fill(nick);
  });
}

/**
 * Finds a buddy or conversation by filtering the (windowed) buddy list and opens it: the
 * one whose description (presence, network, unread count) matches.
 */
async function openChatWith(page: Page, buddy: string, description: RegExp): Promise<void> {
  await page.getByRole('searchbox', { name: 'Filter contacts' }).fill(buddy);
  await page.getByRole('list', { name: 'Contacts' }).getByRole('button', { name: buddy, exact: true, description }).click({ timeout: 30_000 });
  await page.getByRole('searchbox', { name: 'Filter contacts' }).fill('');
}

async function say(page: Page, text: string): Promise<void> {
  const composer = page.getByRole('textbox', { name: 'Message', exact: true });
  await composer.fill(text);
  await composer.press('Enter');
  await expect(composer).toHaveValue('');
}

test('two Switchboards install the LAN plugin from its tarball, find each other on the LAN, chat both ways, and show what the plugin costs', async ({ browser }) => {
  test.setTimeout(180_000);
  const [coreA, coreB] = cores;
  if (!coreA || !coreB) throw new Error('the cores did not start');
  const alice = await browser.newPage();
  const bob = await browser.newPage();
  await alice.goto(coreA.url);
  await bob.goto(coreB.url);
  await installLanPlugin(alice);
  await installLanPlugin(bob);
  await addLanAccount(alice, 'alice', 'Alice');
  await addLanAccount(bob, 'bob', 'Bob');

  // Bob appears in Alice's buddy list as he announces himself, and she writes to him.
  await openChatWith(alice, 'Bob', new RegExp(`^Available ${NETWORK.replace(/[()]/g, '\\$&')}, alice$`));
  await say(alice, 'hello Bob, over the LAN');
  const aliceLog = alice.getByRole('log', { name: 'Messages in Bob' });
  await expect(aliceLog).toContainText('hello Bob, over the LAN');

  // Bob sees the unread chat Alice started.
  await openChatWith(bob, 'Alice', /1 unread$/);
  const bobLog = bob.getByRole('log', { name: 'Messages in Alice' });
  await expect(bobLog).toContainText('hello Bob, over the LAN');
  await say(bob, 'hi Alice, no server needed');
  await expect(aliceLog).toContainText('hi Alice, no server needed');
  await screenshot(alice, 'ui2-lan-chat.png');

  // Each Plugins dialog shows the sandboxed plugin's memory (heap and process) and CPU.
  for (const page of [alice, bob]) {
    await page.getByRole('toolbar', { name: 'Buddy list tools' }).getByRole('button', { name: 'Plugins' }).click();
    const row = page.getByRole('dialog', { name: 'Plugins' }).getByRole('list', { name: 'Plugins' }).getByRole('listitem', { name: NETWORK });
    await expect(row).toContainText('State: Running');
    const figures = row.getByRole('group', { name: `Resource use of ${NETWORK}` });
    await expect(figures).toContainText(/Memory: Heap \d+\.\d MB, process \d+\.\d MB/, { timeout: 15_000 });
    await expect(figures).toContainText(/CPU \(last minute\): \d+\.\d %/);
    await expect(figures.getByRole('img', { name: `CPU over the last minute of ${NETWORK}` })).toBeVisible({ timeout: 15_000 });
  }
  await screenshot(bob, 'ui2-lan-plugins.png');
});
