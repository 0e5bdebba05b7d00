/**
 * The buddy-list-first window end to end (issue 14), in Chromium against headless mode and
 * three real servers (ngIRCd, Prosody, Synapse): three accounts on three networks, each row
 * and tab badged with its network and account; the buddy list saved as a screenshot; a
 * failing account's error in words in the Accounts dialog and in the buddy list's compact
 * line with "Reconnect now" and "Edit"; the accounts' order kept by the core across a reload.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startNgircd, type RunningIrcServer } from '../servers/ngircd.js';
import { startProsody, type RunningProsody } from '../servers/prosody.js';
import { startSynapse, type RunningSynapse } from '../servers/synapse.js';
import { createPublicRoom } from '../servers/synapse/fixtures.js';
import { findFreePort } from '../servers/serverProcess.js';
import { startHeadlessCore, type RunningHeadlessCore } from '../support/headlessCore.js';
import { repoRoot } from '../support/paths.js';
import { accountAlert, accountRow, accountsDialog, closeAccounts, openAccounts } from './accountsDialog.js';
import { addIrcAccount } from './ircAccountDialog.js';
import { addMatrixAccount } from './matrixAccountDialog.js';
import { joinRoom } from './scenes.js';
import { addXmppAccount } from './xmppAccountDialog.js';

const screenshots = join(repoRoot, 'test-output', 'e2e');
const PASSWORD = 'e2e-password';

let irc: RunningIrcServer;
let prosody: RunningProsody;
let synapse: RunningSynapse;
let core: RunningHeadlessCore;
let aliceMatrix = '';
let matrixRoom = '';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  mkdirSync(screenshots, { recursive: true });
  [irc, prosody, synapse] = await Promise.all([startNgircd(), startProsody(), startSynapse()]);
  await Promise.all(['alice', 'bob', 'carol'].map((user) => prosody.register(user, PASSWORD)));
  const [alice, bob] = await Promise.all([synapse.registerUser('alice', PASSWORD), synapse.registerUser('bob', PASSWORD)]);
  aliceMatrix = alice.userId;
  matrixRoom = (await createPublicRoom(synapse, bob, 'lounge')).alias;
  core = await startHeadlessCore();
});

test.afterAll(async () => {
  await core.stop();
  await Promise.all([irc.stop(), prosody.stop(), synapse.stop()]);
});

const IRC = 'alice (IRC)';
const XMPP = 'alice@localhost (XMPP)';
const matrixLabel = (): string => `${aliceMatrix} (Matrix)`;

async function addContact(page: Page, accountLabel: string, contactId: string): Promise<void> {
  await page.getByRole('button', { name: 'Add contact' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add contact' });
  await dialog.getByLabel('Account').selectOption({ label: accountLabel });
  await dialog.getByLabel('Contact ID').fill(contactId);
  await dialog.getByRole('button', { name: 'Add contact' }).click();
  await expect(dialog).toBeHidden();
}

/** The labels of the Accounts dialog's rows, in order. */
async function accountOrder(page: Page): Promise<string[]> {
  return accountsDialog(page).getByRole('list', { name: 'Accounts' }).getByRole('listitem').locator('.account-label').allTextContents();
}

test('three accounts on three networks: every buddy, conversation and tab carries its network badge', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(core.url);
  await addIrcAccount(page, { nick: 'alice', port: irc.port });
  await addXmppAccount(page, prosody, { jid: 'alice@localhost', password: PASSWORD });
  await addMatrixAccount(page, synapse.baseUrl, aliceMatrix, PASSWORD);

  // The Accounts dialog lists the three, each online, each described by its network and name.
  await openAccounts(page);
  for (const [label, badge] of [[IRC, 'IRC, alice'], [XMPP, 'XMPP, alice@localhost'], [matrixLabel(), `Matrix, ${aliceMatrix}`]] as const) {
    await expect(accountRow(page, label)).toContainText('Online');
    await expect(accountRow(page, label)).toHaveAccessibleDescription(badge);
  }
  await closeAccounts(page);
  // Nothing is failing: the buddy list has no line about accounts.
  await expect(page.getByRole('list', { name: 'Accounts with problems' })).toHaveCount(0);

  await addContact(page, IRC, 'bob');
  await addContact(page, XMPP, 'bob@localhost');
  await joinRoom(page, '#three', IRC);
  await joinRoom(page, matrixRoom, matrixLabel());
  await expect(page.getByRole('tab', { name: 'lounge' })).toHaveAttribute('aria-selected', 'true');

  const contacts = page.getByRole('list', { name: 'Contacts' });
  // The list shows only the rows in view (it is windowed): find rows as a user would, by filtering.
  const filter = page.getByRole('searchbox', { name: 'Filter contacts' });
  await filter.fill('three');
  await expect(contacts.getByRole('button', { name: '#three' })).toHaveAccessibleDescription(/^IRC, alice/);
  await filter.fill('lounge');
  await expect(contacts.getByRole('button', { name: 'lounge' })).toHaveAccessibleDescription(new RegExp(`^Matrix, ${aliceMatrix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  await filter.fill('bob');
  // Groups are merged across networks: the two bobs sit side by side in "Buddies", told
  // apart by their badges' words.
  const bobs = contacts.getByRole('button', { name: /^bob/ });
  await expect(bobs).toHaveCount(2);
  const descriptions = await bobs.evaluateAll((buttons) => buttons.map((button) => (button.getAttribute('aria-describedby') ?? '')
    .split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ')));
  const ircIndex = descriptions.findIndex((text) => /IRC, alice$/.test(text));
  const ircBob = bobs.nth(ircIndex);
  const xmppBob = bobs.nth(ircIndex === 0 ? 1 : 0);
  await expect(ircBob).toHaveAccessibleDescription(/IRC, alice$/);
  await expect(xmppBob).toHaveAccessibleDescription(/XMPP, alice@localhost$/);
  for (const buddy of [ircBob, xmppBob]) {
    await expect(buddy.locator('.network-badge')).toBeVisible();
    await expect(buddy.locator('.avatar')).toBeVisible();
  }
  await xmppBob.click();
  await filter.fill('');
  const tabs = page.getByRole('tablist', { name: 'Conversations' });
  await expect(tabs.getByRole('tab', { name: /bob/ })).toHaveAttribute('aria-selected', 'true');
  // The badge first, then how to move the tab from the keyboard.
  await expect(tabs.getByRole('tab', { name: /bob/ })).toHaveAccessibleDescription(/^XMPP, alice@localhost To move this tab/);
  await expect(tabs.getByRole('tab', { name: '#three' })).toHaveAccessibleDescription(/^IRC, alice To move this tab/);
  await expect(tabs.getByRole('tab', { name: 'lounge' })).toHaveAccessibleDescription(`Matrix, ${aliceMatrix} To move this tab, press Space, then the left and right arrow keys, then Space to drop it; Escape cancels. Ctrl+Shift+Page Up and Page Down move the current tab too.`);
  for (const tab of await tabs.getByRole('tab').all()) await expect(tab.locator('.network-badge')).toBeVisible();
  // Three networks, three different badges (protocol icons).
  await expect(tabs.locator('.network-irc')).toHaveCount(1);
  await expect(tabs.locator('.network-xmpp')).toHaveCount(1);
  await expect(tabs.locator('.network-matrix')).toHaveCount(1);

  await page.getByRole('complementary', { name: 'Buddy list' }).screenshot({ path: join(screenshots, 'ui-accounts-buddy-list-three-networks.png') });
  await page.screenshot({ path: join(screenshots, 'ui-accounts-three-networks.png'), fullPage: true });
});

test('a failing account: its error in words in the Accounts dialog and in the buddy list\'s line, with Reconnect now and Edit', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(core.url);
  await addXmppAccount(page, prosody, { jid: 'carol@localhost', password: 'not-the-password' });
  const closedPort = await findFreePort();
  await addIrcAccount(page, { nick: 'nobody', port: closedPort });

  const carol = accountAlert(page, 'carol@localhost (XMPP)');
  await expect(carol).toContainText('Failed');
  await expect(carol).toContainText(/password|not authorized|refused/i);
  await expect(carol).toHaveAccessibleDescription('XMPP, carol@localhost');
  await expect(carol.getByRole('button', { name: 'Reconnect now' })).toBeVisible();
  const nobody = accountAlert(page, 'nobody (IRC)');
  await expect(nobody).toContainText(/Reconnecting in \d+ s…/);
  await expect(nobody).toContainText(`127.0.0.1:${closedPort}`);
  await expect(nobody).toContainText(/refused/i);
  await expect(page.getByRole('button', { name: 'Accounts', exact: true })).toHaveAccessibleDescription('2 with problems');

  await openAccounts(page);
  const carolRow = accountRow(page, 'carol@localhost (XMPP)');
  await expect(carolRow).toContainText('Failed');
  await expect(carolRow).toContainText(/password|not authorized|refused/i);
  await expect(carolRow).not.toContainText(/\bat \S+ \(|Error:/);
  await expect(accountRow(page, 'nobody (IRC)')).toContainText(/refused/i);
  await page.screenshot({ path: join(screenshots, 'ui-accounts-dialog-failing.png'), fullPage: true });

  // Reorder by keyboard: the Matrix account goes to the top; the core keeps the order.
  expect(await accountOrder(page)).toEqual([IRC, XMPP, matrixLabel(), 'carol@localhost (XMPP)', 'nobody (IRC)']);
  const matrixEdit = accountRow(page, matrixLabel()).getByRole('button', { name: 'Edit account' });
  await matrixEdit.focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect.poll(() => accountOrder(page)).toEqual([IRC, matrixLabel(), XMPP, 'carol@localhost (XMPP)', 'nobody (IRC)']);
  await page.keyboard.press('Alt+ArrowUp');
  await expect.poll(() => accountOrder(page)).toEqual([matrixLabel(), IRC, XMPP, 'carol@localhost (XMPP)', 'nobody (IRC)']);
  await expect(matrixEdit).toBeFocused();
  // Disabling the unreachable one is a choice, not a problem: its line leaves the buddy list.
  await accountRow(page, 'nobody (IRC)').getByRole('checkbox', { name: 'Enabled' }).uncheck();
  await expect(accountRow(page, 'nobody (IRC)')).toContainText('Disabled');
  await closeAccounts(page);
  await expect(nobody).toHaveCount(0);

  await page.reload();
  await openAccounts(page);
  expect(await accountOrder(page)).toEqual([matrixLabel(), IRC, XMPP, 'carol@localhost (XMPP)', 'nobody (IRC)']);
  await closeAccounts(page);

  // "Edit" on the line: the right password connects carol and the line goes.
  await carol.getByRole('button', { name: 'Edit carol@localhost (XMPP)' }).click();
  const form = page.getByRole('dialog', { name: 'Edit account' });
  await form.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await form.getByRole('button', { name: 'Save account' }).click();
  await expect(form).toBeHidden();
  await expect(carol).toHaveCount(0);
  await openAccounts(page);
  await expect(accountRow(page, 'carol@localhost (XMPP)')).toContainText('Online');
  await closeAccounts(page);
});
