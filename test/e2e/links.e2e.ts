/**
 * Links that open Switchboard, end to end: headless mode opened with `?open=<link>` in
 * Chromium, a real IRC server (ngIRCd) and an independent raw client as the other party.
 * A link with no fitting account offers one, prefilled, and asks again once it is saved; a link for an account asks, and
 * once confirmed (from the keyboard) joins the room, which the raw client sees; a
 * malformed link says why in words.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectIrcAccount } from './ircAccountDialog.js';
import { ircScene, screenshot } from './scenes.js';

const scene = ircScene('#linked');

async function openWithLink(page: Page, link: string): Promise<void> {
  await page.goto(`${scene().core.url}?open=${encodeURIComponent(link)}`);
}

test('a link with no fitting account offers adding one, prefilled with the server', async ({ page }) => {
  const { irc } = scene();
  await openWithLink(page, `irc://127.0.0.1:${irc.port}/%23linked`);
  const dialog = page.getByRole('dialog', { name: 'Switchboard link' });
  await expect(dialog).toContainText('You have no IRC account on 127.0.0.1. Add one to join #linked on 127.0.0.1.');
  await dialog.getByRole('button', { name: 'Add account' }).click();

  const account = page.getByRole('dialog', { name: 'Add account' });
  await expect(account.getByLabel('Server', { exact: true })).toHaveValue('127.0.0.1');
  await expect(account.getByLabel('Port')).toHaveValue(String(irc.port));
  await expect(account.getByLabel('Use TLS')).not.toBeChecked();
  await account.getByLabel('Nickname').fill('alice');
  await account.getByLabel('Nickname').press('Enter');
  await expect(account).toBeHidden();
  // With the account saved, the link asks again, now with it; this time the user declines.
  await expect(dialog).toContainText('Join #linked on 127.0.0.1 with account alice (IRC)?');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expectIrcAccount(page, 'alice', 'Online');
  await expect(page.getByRole('tab', { name: '#linked' })).toHaveCount(0);
});

test('opening the app with a link asks first, and once confirmed from the keyboard the room opens', async ({ page }) => {
  const { irc, bob } = scene();
  await openWithLink(page, `irc://127.0.0.1:${irc.port}/%23linked`);
  const dialog = page.getByRole('dialog', { name: 'Switchboard link' });
  await expect(dialog).toContainText('Join #linked on 127.0.0.1 with account alice (IRC)?');
  // The address loses the link: a reload does not ask again.
  expect(page.url()).not.toContain('open=');
  await screenshot(page, 'links-confirm.png');

  // Nothing was joined before the user confirmed.
  await expect(page.getByRole('tab', { name: '#linked' })).toHaveCount(0);
  // Focus starts on Cancel (the safe choice); Tab reaches the confirm button.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Join room' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await bob.waitForLine(/:alice!\S+ JOIN :?#linked/);
  await expect(page.getByRole('tab', { name: '#linked' })).toHaveAttribute('aria-selected', 'true');
  bob.send('PRIVMSG #linked :welcome, alice');
  await expect(page.getByRole('log', { name: 'Messages in #linked' })).toContainText('welcome, alice');
});

test('a malformed link shows its reason in words, and Escape closes it', async ({ page }) => {
  await openWithLink(page, 'matrix:u/alice');
  const dialog = page.getByRole('dialog', { name: 'Switchboard link' });
  await expect(dialog.getByRole('alert')).toHaveText('This Matrix link is not valid: its user ID @alice does not end in a valid server name (“:example.org”).');
  await screenshot(page, 'links-refused.png');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expectIrcAccount(page, 'alice', 'Online');
});
