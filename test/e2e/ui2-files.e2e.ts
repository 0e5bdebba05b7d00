/**
 * Sending a file end to end: two XMPP accounts (alice and bob on a real Prosody with an
 * HTTP upload component) in one headless-mode window. Alice attaches a file with "Attach
 * file"; it is uploaded (XEP-0363) and bob's side shows it as an attachment, also one whose
 * base64 would not fit a WebSocket frame (headless mode uploads it by HTTP). A file over the
 * 40 MB limit is refused in the window, before it is read.
 */
import { expect, test } from '@playwright/test';
import { addAliceAndBob, chooseXmppAccount } from './xmppAccountDialog.js';
import { screenshot, xmppPairScene } from './scenes.js';

const scene = xmppPairScene();

test('a file attached by alice reaches bob as an attachment; a file over 40 MB is refused before it is read', async ({ page }) => {
  const { core, xmpp } = scene();
  await page.goto(core.url);
  await addAliceAndBob(page, xmpp);

  await page.getByRole('button', { name: 'New message' }).click();
  const dialog = page.getByRole('dialog', { name: 'New message' });
  await chooseXmppAccount(dialog, page, 'alice@localhost');
  await dialog.getByLabel('Contact', { exact: true }).fill('bob@localhost');
  await dialog.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(dialog).toBeHidden();
  const composer = page.getByRole('textbox', { name: 'Message', exact: true });
  // A first message, so that bob's side has the conversation open before the file comes.
  await composer.fill('a file is coming');
  await composer.press('Enter');

  const aliceLog = page.getByRole('log', { name: /^Messages in bob/ });
  await expect(aliceLog).toContainText('a file is coming');
  await page.getByLabel('Attach file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello from alice\n') });
  const sent = aliceLog.locator('.message').filter({ hasText: 'notes.txt' });
  await expect(sent).toBeVisible();
  await expect(sent).not.toContainText('failed');
  await expect(page.getByText('Sending notes.txt…')).toBeHidden();
  // 900 KB: under the server's 1 MiB, but as base64 over the 1 MB WebSocket frame limit, so it
  // must go as headless mode's HTTP upload.
  await page.getByLabel('Attach file').setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(900 * 1024, 7) });
  const sentScan = aliceLog.locator('.message').filter({ hasText: 'scan.pdf' });
  await expect(sentScan).toBeVisible();
  await expect(sentScan).not.toContainText('failed');
  await expect(page.getByText('Sending scan.pdf…')).toBeHidden();

  const bobTab = page.getByRole('tab', { name: /^alice/ });
  await bobTab.click();
  const received = page.getByRole('log', { name: /^Messages in alice/ }).locator('.message').filter({ hasText: 'notes.txt' });
  await expect(received.getByRole('list', { name: 'Attachments' })).toContainText('notes.txt');
  const receivedScan = page.getByRole('log', { name: /^Messages in alice/ }).locator('.message').filter({ hasText: 'scan.pdf' });
  await expect(receivedScan.getByRole('list', { name: 'Attachments' })).toContainText('scan.pdf');
  await screenshot(page, 'ui2-file-received.png');

  // Too large: refused with a sentence, and nothing is sent.
  await page.getByLabel('Attach file').setInputFiles({ name: 'huge.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(40 * 1024 * 1024 + 1) });
  await expect(page.getByRole('alert').filter({ hasText: 'huge.bin is too large to send' })).toBeVisible();
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'huge.bin' })).toHaveCount(0);
});
