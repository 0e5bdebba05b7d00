/**
 * Room tools, server messages and certificate trust end to end, in Chromium against headless
 * mode and a real IRC server (ngIRCd, with a TLS listener and a self-signed certificate),
 * with independent raw clients on the other side: the topic, an invitation and a kick reach
 * them; the MOTD shows under "Server messages"; trusting the refused certificate connects.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { connectRawIrcClient, startNgircd, type RawIrcClient, type RunningIrcServer } from '../servers/ngircd.js';
import { repoRoot } from '../support/paths.js';
import { startHeadlessCore, type RunningHeadlessCore } from '../support/headlessCore.js';
import { accountRow, accountsDialog, openAccounts } from './accountsDialog.js';
import { addIrcAccount, expectIrcAccount, ircAccountLabel } from './ircAccountDialog.js';
import { joinRoom } from './scenes.js';

const screenshots = join(repoRoot, 'test-output', 'e2e');

let irc: RunningIrcServer;
let core: RunningHeadlessCore;
const rawClients: RawIrcClient[] = [];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  irc = await startNgircd({ tls: true });
  core = await startHeadlessCore();
});

test.afterAll(async () => {
  await Promise.all(rawClients.map((client) => client.close()));
  await core.stop();
  await irc.stop();
});

async function raw(nick: string): Promise<RawIrcClient> {
  const client = await connectRawIrcClient({ port: irc.port, nick });
  rawClients.push(client);
  return client;
}

test('the topic, an invitation and a kick reach the channel from the room header and the member list', async ({ page }) => {
  await page.goto(core.url);
  await addIrcAccount(page, { nick: 'alice', port: irc.port, tls: false });
  await expectIrcAccount(page, 'alice', 'Online');
  // alice opens the channel, so she is its operator.
  await joinRoom(page, '#tools');
  const members = page.getByRole('list', { name: 'Members' });
  await expect(members).toContainText('alice');

  const bob = await raw('bob');
  const carol = await raw('carol');
  bob.send('JOIN #tools');
  await bob.waitForLine(/ 366 bob #tools /);
  await expect(members).toContainText('bob');

  await page.getByRole('button', { name: 'Edit topic' }).click();
  const topic = page.getByRole('textbox', { name: 'Topic' });
  await topic.fill('Tools of the trade');
  await topic.press('Enter');
  await bob.waitForLine(/:alice!\S+ TOPIC #tools :Tools of the trade$/);
  await expect(page.locator('.conversation-topic')).toHaveText('Tools of the trade');

  await page.getByRole('button', { name: 'Invite', exact: true }).click();
  const invite = page.getByRole('dialog', { name: 'Invite to room' });
  await invite.getByLabel('Contact ID').fill('carol');
  await invite.getByRole('button', { name: 'Invite', exact: true }).click();
  await expect(invite).toBeHidden();
  await carol.waitForLine(/:alice!\S+ INVITE carol :?#tools$/);

  const bobRow = members.getByRole('listitem').filter({ hasText: 'bob' });
  await bobRow.hover();
  await bobRow.getByRole('button', { name: 'Kick bob' }).click();
  const kick = page.getByRole('dialog', { name: 'Kick member' });
  await kick.getByLabel('Reason (optional)').fill('testing the kick button');
  await page.screenshot({ path: join(screenshots, 'ui2-kick.png'), fullPage: true });
  await kick.getByRole('button', { name: 'Kick', exact: true }).click();
  await expect(kick).toBeHidden();
  await bob.waitForLine(/:alice!\S+ KICK #tools bob :testing the kick button$/);
  await expect(members).not.toContainText('bob');
});

test('the server\'s messages of the day show under "Server messages"', async ({ page }) => {
  await page.goto(core.url);
  await openAccounts(page);
  const alice = accountRow(page, ircAccountLabel('alice'));
  await expect(alice).toContainText('Online');
  // This window opened after the login: reconnect so the MOTD arrives while it listens.
  await alice.getByRole('checkbox', { name: 'Enabled' }).uncheck();
  await expect(alice).toContainText('Disabled');
  await alice.getByRole('checkbox', { name: 'Enabled' }).check();
  await expect(alice).toContainText('Online');
  await alice.getByRole('button', { name: 'Server messages' }).click();
  await expect(accountsDialog(page)).toBeHidden();
  const log = page.getByRole('log', { name: 'Server messages of alice (IRC)' });
  await expect(log).toContainText('Switchboard test server');
  await page.screenshot({ path: join(screenshots, 'ui2-server-messages.png'), fullPage: true });
  await page.getByRole('button', { name: 'Close server messages' }).click();
  await expect(log).toBeHidden();
});

test('a refused self-signed certificate is trusted after confirming, and the account connects', async ({ page }) => {
  await page.goto(core.url);
  await addIrcAccount(page, { nick: 'careful', port: irc.tlsPort ?? 0, tls: true });
  await openAccounts(page);
  const careful = accountRow(page, ircAccountLabel('careful'));
  await expect(careful).toContainText('Failed');
  const fingerprint = irc.certificateFingerprint256 ?? 'missing fingerprint';
  await expect(careful).toContainText(fingerprint);
  await careful.getByRole('button', { name: 'Trust this certificate' }).click();
  const dialog = page.getByRole('dialog', { name: 'Trust certificate' });
  await expect(dialog).toContainText('127.0.0.1');
  await expect(dialog).toContainText(fingerprint);
  await expect(dialog).toContainText('read everything');
  await page.screenshot({ path: join(screenshots, 'ui2-trust-certificate.png'), fullPage: true });
  await dialog.getByRole('button', { name: 'Trust and connect' }).click();
  await expect(dialog).toBeHidden();
  // Back in the Accounts dialog, where it was trusted from.
  await expect(accountsDialog(page)).toBeVisible();
  await expect(careful).toContainText('Online');
  await expect(careful.getByRole('button', { name: 'Trust this certificate' })).toHaveCount(0);
});
