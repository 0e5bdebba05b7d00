/**
 * Matrix recovery end to end: the real UI in Chromium, served by headless mode, against a
 * real Synapse, with an independent matrix-js-sdk client as bob. Alice sets up recovery in
 * the Accounts dialog and is shown her recovery key once; on a second Switchboard (a new
 * device), bob's older encrypted message cannot be decrypted until she enters that key in
 * the Accounts dialog, and then reads in place. A wrong key is refused in words.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startSynapse, type RegisteredUser, type RunningSynapse } from '../servers/synapse.js';
import { startSdkPeer, type SdkPeer } from '../servers/synapse/sdkPeer.js';
import { repoRoot } from '../support/paths.js';
import { startHeadlessCore, type RunningHeadlessCore } from '../support/headlessCore.js';
import { accountRow, closeAccounts, openAccounts } from './accountsDialog.js';
import { addMatrixAccount, expectMatrixAccount, openNewMessage } from './matrixAccountDialog.js';

const screenshots = join(repoRoot, 'test-output', 'e2e');
const PASSWORD = 'e2e-password';

let synapse: RunningSynapse;
let alice: RegisteredUser;
let bob: SdkPeer;
const cores: RunningHeadlessCore[] = [];

test.beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  synapse = await startSynapse();
  const [aliceUser, bobUser] = await Promise.all([synapse.registerUser('alice', PASSWORD), synapse.registerUser('bob', PASSWORD)]);
  alice = aliceUser;
  bob = await startSdkPeer(synapse.baseUrl, bobUser);
});

test.afterAll(async () => {
  bob.stop();
  await Promise.all(cores.map((core) => core.stop()));
  await synapse.stop();
});

async function newSwitchboard(page: Page): Promise<void> {
  const core = await startHeadlessCore();
  cores.push(core);
  await page.goto(core.url);
  await addMatrixAccount(page, synapse.baseUrl, alice.userId, PASSWORD);
  await expectMatrixAccount(page, alice.userId, 'Online');
}

/** Polls the homeserver until alice's key backup holds a key for the room. */
async function backedUp(roomId: string): Promise<void> {
  await expect.poll(async () => {
    const { version } = await synapse.request('GET', '/_matrix/client/v3/room_keys/version', alice.accessToken) as { version?: string };
    if (version === undefined) return 0;
    const keys = await synapse.request('GET', `/_matrix/client/v3/room_keys/keys?version=${version}`, alice.accessToken) as
      { rooms?: Record<string, { sessions?: Record<string, unknown> }> };
    return Object.keys(keys.rooms?.[roomId]?.sessions ?? {}).length;
  }, { timeout: 30_000 }).toBeGreaterThan(0);
}

test('set up recovery, then read older encrypted messages on a new device with the recovery key', async ({ page, browser }) => {
  await newSwitchboard(page);
  const row = (where: Page) => accountRow(where, `${alice.userId} (Matrix)`);

  // Set up recovery: explained first, then the key is shown once with "I have saved it".
  await openAccounts(page);
  await row(page).getByRole('button', { name: 'Set up recovery…' }).click();
  await expect(row(page)).toContainText('The recovery key is shown once');
  await row(page).getByRole('button', { name: 'Set up recovery', exact: true }).click();
  await closeAccounts(page);
  const requests = page.getByRole('list', { name: /requests/i });
  const shown = requests.getByRole('listitem').filter({ hasText: 'Your recovery key' });
  await expect(shown).toBeVisible({ timeout: 30_000 });
  const recoveryKey = (await shown.locator('.request-detail').textContent() ?? '').trim();
  expect(recoveryKey).toMatch(/^(\w{4} ){11}\w{4}$/);
  await page.screenshot({ path: join(screenshots, 'matrix-recovery-key.png'), fullPage: true });
  await shown.getByRole('button', { name: 'I have saved it' }).click();
  await expect(shown).toBeHidden();

  // An encrypted DM with bob, and bob's message in it: its key goes to the backup.
  await openNewMessage(page, bob.userId);
  const composer = page.getByRole('textbox', { name: 'Message', exact: true });
  await composer.fill('hello bob');
  await composer.press('Enter');
  const atBob = await bob.waitForMessage(/^hello bob$/);
  await bob.sendText(atBob.roomId, 'an older secret from bob');
  await expect(page.getByRole('log', { name: /Messages in bob/ })).toContainText('an older secret from bob');
  await backedUp(atBob.roomId);

  // A second Switchboard: a new device of alice's, without the keys.
  const second = await browser.newPage();
  await newSwitchboard(second);
  await second.getByRole('tab', { name: 'bob' }).click();
  const log = second.getByRole('log', { name: /Messages in bob/ });
  await expect(log).toContainText(/could not be decrypted/);
  await expect(log).not.toContainText('an older secret from bob');

  await openAccounts(second);
  await row(second).getByRole('button', { name: 'Enter recovery key…' }).click();
  const field = row(second).getByLabel('Recovery key');
  await field.fill('not my key');
  await row(second).getByRole('button', { name: 'Use recovery key' }).click();
  await expect(row(second).getByRole('alert')).toContainText('not a recovery key');
  await field.fill(recoveryKey);
  await row(second).getByRole('button', { name: 'Use recovery key' }).click();
  await expect(field).toBeHidden({ timeout: 30_000 });
  await closeAccounts(second);

  await expect(log).toContainText('an older secret from bob', { timeout: 30_000 });
  await expect(log.locator('.message', { hasText: 'an older secret from bob' })).not.toContainText('(edited)');
  await second.screenshot({ path: join(screenshots, 'matrix-recovery-restored.png'), fullPage: true });
});
