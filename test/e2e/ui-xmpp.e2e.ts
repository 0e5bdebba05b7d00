/**
 * Requests and message actions end to end: two XMPP accounts (alice and bob on a real
 * Prosody) in one headless-mode window. A subscription request appears in "Requests" and
 * is answered there; then reactions, corrections, replies and receipts go both ways.
 */
import { expect, test, type Page } from '@playwright/test';
import { addAliceAndBob, chooseXmppAccount, expectXmppAccount } from './xmppAccountDialog.js';
import { screenshot, xmppPairScene } from './scenes.js';

const scene = xmppPairScene();

function line(page: Page, tab: string, text: string) {
  return page.getByRole('log', { name: `Messages in ${tab}` }).locator('.message').filter({ hasText: text });
}

test('a subscription request is answered from the Requests list', async ({ page }) => {
  const { core, xmpp } = scene();
  await page.goto(core.url);
  await addAliceAndBob(page, xmpp);

  await page.getByRole('button', { name: 'Add contact' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add contact' });
  await chooseXmppAccount(dialog, 'alice@localhost');
  await dialog.getByLabel('Contact ID').fill('bob@localhost');
  await dialog.getByLabel('Name').fill('Bob');
  await dialog.getByRole('button', { name: 'Add contact' }).click();
  await expect(dialog).toBeHidden();

  // Bob is asked. Accepting approves alice and asks back (a mutual subscription, RFC 6121
  // §3.1.5), so alice is asked in turn: each request is answered from the list.
  const requests = page.getByRole('list', { name: 'Requests' });
  const asked = (who: string) => requests.getByRole('listitem').filter({ has: page.locator('.request-title', { hasText: `${who}@localhost` }) });
  await expect(asked('alice')).toBeVisible();
  await expect(asked('alice')).toContainText('bob@localhost (XMPP)');
  await screenshot(page, 'ui-requests.png');
  await asked('alice').getByRole('button', { name: 'Accept' }).click();
  await expect(asked('alice')).toHaveCount(0);
  await expect(asked('bob')).toBeVisible();
  await expect(asked('bob')).toContainText('alice@localhost (XMPP)');
  await asked('bob').getByRole('button', { name: 'Accept' }).click();
  await expect(asked('bob')).toHaveCount(0);

  // Subscribed both ways: each side's buddy list shows the other, online.
  const contacts = page.getByRole('list', { name: 'Contacts' });
  // The buddy's own row (its group's item holds every buddy of every account).
  const buddy = (name: string) => contacts.locator('li.buddy').filter({ has: page.getByRole('button', { name, exact: true }) });
  await expect(buddy('Bob').locator('.buddy-presence-words')).toHaveText('Available');
  await expect(buddy('alice').locator('.buddy-presence-words')).toHaveText('Available');
});

test('reactions, corrections, replies and receipts, between two accounts', async ({ page }) => {
  const { core } = scene();
  await page.goto(core.url);
  await expectXmppAccount(page, 'alice@localhost', 'Online');
  await page.getByRole('list', { name: 'Contacts' }).getByRole('button', { name: 'Bob', exact: true }).click();
  // Each side's tab is named after the other's roster name.
  const aliceTitle = 'Bob';
  const aliceTab = page.getByRole('tab', { name: aliceTitle, exact: true });
  await expect(aliceTab).toHaveAttribute('aria-selected', 'true');
  const composer = page.getByRole('textbox', { name: 'Message', exact: true });
  await composer.fill('hello bob');
  await composer.press('Enter');
  await expect(line(page, aliceTitle, 'hello bob')).toBeVisible();

  // Bob's side: the conversation opens as a tab of its own.
  const bobTitle = 'alice';
  const bobTab = page.getByRole('tab', { name: bobTitle, exact: true });
  await bobTab.click();
  const incoming = line(page, bobTitle, 'hello bob');
  await expect(incoming).toBeVisible();
  await incoming.hover();
  await incoming.getByRole('button', { name: 'React' }).click();
  await incoming.getByRole('button', { name: 'React with thumbs up' }).click();
  await expect(incoming.getByRole('button', { name: '👍 1' })).toBeVisible();

  await aliceTab.click();
  const mine = line(page, aliceTitle, 'hello bob');
  await expect(mine.getByRole('button', { name: '👍 1' })).toBeVisible();
  await expect(mine).toContainText(/✓ delivered|✓✓ read/);

  // Up in the empty composer corrects the last message (XEP-0308).
  await composer.click();
  await composer.press('ArrowUp');
  await expect(composer).toHaveValue('hello bob');
  await composer.fill('hello Bob!');
  await composer.press('Enter');
  await expect(line(page, aliceTitle, 'hello Bob!')).toContainText('(edited)');

  await bobTab.click();
  const corrected = line(page, bobTitle, 'hello Bob!');
  await expect(corrected).toContainText('(edited)');
  await corrected.hover();
  await corrected.getByRole('button', { name: 'Reply' }).click();
  await composer.fill('hi alice');
  await composer.press('Enter');
  await aliceTab.click();
  const reply = line(page, aliceTitle, 'hi alice');
  await expect(reply.locator('.reply-quote')).toContainText('hello Bob!');
  await screenshot(page, 'ui-message-actions.png');
});
