/**
 * The renderer's richer features end to end, in Chromium against headless mode and a real
 * IRC server (ngIRCd), with an independent raw client: formatted and linked messages that
 * stay safe, links that ask before leaving, slash commands and /help, presence, the buddy
 * list, the room directory and the reconnect countdown.
 */
import { expect, test, type Page } from '@playwright/test';
import { findFreePort } from '../servers/serverProcess.js';
import { accountAlert, closeAccounts, openAccounts } from './accountsDialog.js';
import { addIrcAccount, expectIrcAccount, ircAccountLabel } from './ircAccountDialog.js';
import { ircScene, joinRoom, screenshot } from './scenes.js';

const scene = ircScene('#ui');

async function openAlice(page: Page): Promise<void> {
  const { core } = scene();
  await page.goto(core.url);
  await expectIrcAccount(page, 'alice', 'Online');
  await page.getByRole('tab', { name: '#ui' }).click();
}

test('formatted messages are rendered safely and a link asks before it leaves, showing its real host', async ({ page }) => {
  const { core, irc, bob } = scene();
  await page.goto(core.url);
  await addIrcAccount(page, { nick: 'alice', port: irc.port });
  await expectIrcAccount(page, 'alice', 'Online');
  await joinRoom(page, '#ui');
  await bob.waitForLine(/:alice!\S+ JOIN :?#ui/);

  const log = page.getByRole('log', { name: 'Messages in #ui' });
  bob.send('PRIVMSG #ui :\x02bold\x02 \x0304red\x03 <img src=x onerror=window.pwned=1> see https://example.org/path');
  await expect(log.locator('b', { hasText: 'bold' })).toBeVisible();
  await expect(log.locator('span.fg-4', { hasText: 'red' })).toBeVisible();
  await expect(log).toContainText('<img src=x onerror=window.pwned=1>');
  expect(await log.locator('img').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();

  await page.context().route('https://example.org/**', (route) => route.fulfill({ body: 'ok', contentType: 'text/plain' }));
  await log.getByRole('link', { name: 'https://example.org/path' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open link' });
  await expect(dialog).toContainText('example.org');
  const popup = page.waitForEvent('popup');
  await dialog.getByRole('button', { name: 'Open' }).click();
  expect((await popup).url()).toBe('https://example.org/path');
  await expect(dialog).toBeHidden();

  // A look-alike (Cyrillic) host: the dialog shows what the network will resolve.
  bob.send('PRIVMSG #ui :log in at https://аррӏе.com/login');
  await log.getByRole('link', { name: 'https://аррӏе.com/login' }).click();
  await expect(page.getByRole('dialog', { name: 'Open link' })).toContainText('xn--80ak6aa92e.com');
  await screenshot(page, 'ui-open-link.png');
  await page.getByRole('dialog', { name: 'Open link' }).getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('dialog', { name: 'Open link' })).toBeHidden();
});

test('slash commands: /help lists them, a plugin command runs, an unknown one is refused and kept', async ({ page }) => {
  const { bob } = scene();
  await openAlice(page);
  const composer = page.getByRole('textbox', { name: 'Message', exact: true });
  const log = page.getByRole('log', { name: 'Messages in #ui' });
  await composer.fill('/help');
  await composer.press('Enter');
  await expect(log).toContainText('/whois <nick> — Show who someone is.');
  await expect(composer).toHaveValue('');

  await composer.fill('/topic Testing the new UI');
  await composer.press('Enter');
  await bob.waitForLine(/:alice!\S+ TOPIC #ui :Testing the new UI$/);
  await expect(composer).toHaveValue('');

  await composer.fill('/frobnicate now');
  await composer.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Unknown command /frobnicate' })).toBeVisible();
  await expect(composer).toHaveValue('/frobnicate now');
  await composer.fill('');
});

test('presence with a status message reaches the network', async ({ page }) => {
  const { bob } = scene();
  await openAlice(page);
  // An account's own presence is set in the Accounts dialog.
  await openAccounts(page);
  // Its own status first (it follows the Status control until then), then the message, sent on Enter.
  await page.getByLabel('Status of alice (IRC)').selectOption({ label: 'Away' });
  await page.getByLabel('Status message of alice (IRC)').fill('at lunch');
  await page.getByLabel('Status message of alice (IRC)').press('Enter');
  await expect(page.getByRole('alert')).toHaveCount(0);
  // The AWAY goes out after the bridge round trip: ask again until the server has it.
  await expect(async () => {
    bob.send('WHOIS alice');
    const first = await bob.waitForLine(/ (301|318) bob alice /);
    if (first.includes(' 301 ')) await bob.waitForLine(/ 318 bob alice /);
    expect(first).toMatch(/ 301 bob alice :at lunch$/);
  }).toPass({ timeout: 10_000 });
  await page.getByLabel('Status of alice (IRC)').selectOption({ label: 'Same as Status' });
  await closeAccounts(page);
});

test('the buddy list: add a contact, open a conversation with it, remove it', async ({ page }) => {
  await openAlice(page);
  await page.getByRole('button', { name: 'Add contact' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add contact' });
  await dialog.getByLabel('Contact ID').fill('bob');
  await dialog.getByRole('button', { name: 'Add contact' }).click();
  await expect(dialog).toBeHidden();
  const contacts = page.getByRole('list', { name: 'Contacts' });
  // The buddy's own row: its group's item holds it too, and the conversation's row is named bob as well.
  const buddy = contacts.locator('li.buddy').filter({ has: page.getByRole('button', { name: 'bob', exact: true }) });
  await expect(buddy).toBeVisible();
  await screenshot(page, 'ui-buddy-list.png');
  await buddy.getByRole('button', { name: 'bob', exact: true }).click();
  await expect(page.getByRole('tab', { name: 'bob' })).toHaveAttribute('aria-selected', 'true');
  await buddy.hover();
  await buddy.getByRole('button', { name: 'Remove contact' }).click();
  await buddy.getByRole('button', { name: 'Yes, remove contact' }).click();
  await expect(contacts.getByRole('group', { name: 'Manage bob' })).toHaveCount(0);
});

test('the room directory fills in the room to join', async ({ page }) => {
  await openAlice(page);
  await page.getByRole('button', { name: 'Join room' }).first().click();
  const joinDialog = page.getByRole('dialog', { name: 'Join room' });
  await joinDialog.getByLabel('Search rooms').fill('ui');
  const results = joinDialog.getByRole('list', { name: 'Rooms found' });
  await expect(results).toContainText('#ui');
  await results.getByRole('button', { name: /#ui/ }).click();
  await expect(joinDialog.getByLabel('Room', { exact: true })).toHaveValue('#ui');
  await joinDialog.getByRole('button', { name: 'Cancel' }).click();
});

test('an account that cannot connect counts down to its next attempt and offers "Reconnect now"', async ({ page }) => {
  const { core } = scene();
  await page.goto(core.url);
  const closedPort = await findFreePort();
  await addIrcAccount(page, { nick: 'nobody', port: closedPort });
  // The buddy list has a compact line for it, with the countdown and the last error.
  const item = accountAlert(page, ircAccountLabel('nobody'));
  await expect(item).toContainText(/Reconnecting in \d+ s…/);
  await expect(item).toContainText(/refused/i);
  await expect(item.getByRole('button', { name: 'Reconnect now' })).toBeVisible();
  await screenshot(page, 'ui-reconnect.png');
});

test('desktop notifications: once turned on, a direct message shows one; a click on it opens the conversation', async ({ page, context }) => {
  const { bob } = scene();
  await context.grantPermissions(['notifications']);
  // The real Notification API, with every notification the app creates recorded for the test.
  await page.addInitScript(() => {
    const Real = window.Notification;
    const shown: { title: string; body: string; notification: Notification }[] = [];
    class Recording extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push({ title, body: options?.body ?? '', notification: this });
      }
    }
    Object.defineProperty(Recording, 'permission', { get: () => Real.permission });
    Object.defineProperty(Recording, 'requestPermission', { value: () => Real.requestPermission() });
    Object.assign(window, { Notification: Recording, shownNotifications: shown });
  });
  await openAlice(page);
  const shown = () => page.evaluate(() => (window as unknown as { shownNotifications: { title: string; body: string }[] }).shownNotifications
    .map(({ title, body }) => `${title}: ${body}`));

  bob.send('PRIVMSG alice :before they are on');
  // Counted in the tab, so it has reached this window: turning notifications on comes after
  // it (under load, the tab alone showed before the message did, and it was notified).
  await expect(page.getByRole('tab', { name: 'bob' })).toContainText('1 unread');
  await page.getByLabel('Desktop notifications for direct messages and mentions').check();
  await expect(page.getByLabel('Desktop notifications for direct messages and mentions')).toBeChecked();
  await page.getByRole('tab', { name: '#ui' }).click();

  // #ui is open in a focused window: a mention there is seen, not notified.
  bob.send('PRIVMSG #ui :alice: the build is green');
  await expect(page.getByRole('log', { name: 'Messages in #ui' })).toContainText('alice: the build is green');
  bob.send('PRIVMSG alice :psst, \u202Eare you there?');
  await expect.poll(shown).toEqual(['bob: psst, are you there?']);

  await page.evaluate(() => (window as unknown as { shownNotifications: { notification: Notification }[] }).shownNotifications[0]?.notification
    .dispatchEvent(new Event('click')));
  await expect(page.getByRole('tab', { name: 'bob' })).toHaveAttribute('aria-selected', 'true');
});
