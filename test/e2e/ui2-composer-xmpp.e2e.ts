/**
 * Writing messages on XMPP end to end: the real UI in Chromium (headless mode), a real
 * Prosody with an HTTP upload component, and bob on a raw XMPP socket (not our adapter).
 * Formatting typed by alice reaches bob as XEP-0393 message styling (plain text in the
 * body, Markdown-only forms rewritten); bob's styled body shows formatted; an image pasted
 * into the composer waits with its preview, and once confirmed bob gets its address
 * (XEP-0066) and the very bytes from the upload service.
 */
import { expect, test } from '@playwright/test';
import { startProsody, type RunningProsody } from '../servers/prosody.js';
import { connectRawXmppClient, type RawXmppClient } from '../servers/prosody/rawXmppClient.js';
import { startHeadlessCore, type RunningHeadlessCore } from '../support/headlessCore.js';
import { makePng } from '../support/testImage.js';
import { screenshot } from './scenes.js';
import { addXmppAccount, expectXmppAccount } from './xmppAccountDialog.js';

const PASSWORD = 'e2e-password';
let prosody: RunningProsody;
let core: RunningHeadlessCore;
let bob: RawXmppClient;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  prosody = await startProsody();
  await Promise.all(['alice', 'bob'].map((user) => prosody.register(user, PASSWORD)));
  core = await startHeadlessCore();
  bob = await connectRawXmppClient({ port: prosody.directTlsPort, user: 'bob', password: PASSWORD, resource: 'other-side' });
});

test.afterAll(async () => {
  await bob.close();
  await core.stop();
  await prosody.stop();
});

test('formatting goes out as XEP-0393 styling, comes in formatted; a pasted image reaches bob after a confirm', async ({ page }) => {
  await page.goto(core.url);
  await addXmppAccount(page, prosody, { jid: 'alice@localhost', password: PASSWORD });
  await expectXmppAccount(page, 'alice@localhost', 'Online');
  await page.getByRole('button', { name: 'New message' }).click();
  const dialog = page.getByRole('dialog', { name: 'New message' });
  await dialog.getByLabel('Contact', { exact: true }).fill('bob@localhost/other-side');
  await dialog.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(dialog).toBeHidden();
  const composer = page.getByRole('textbox', { name: 'Message', exact: true });
  const log = page.getByRole('log', { name: /^Messages in bob/ });

  await composer.fill('*bold* _it_ **strong** [docs](https://example.org/) <b>x</b>');
  await composer.press('Shift+Enter');
  await composer.pressSequentially('> quoted');
  await composer.press('Enter');
  const styled = await bob.waitFor(/<body>\*bold\* _it_ \*strong\* docs \(https:\/\/example\.org\/\) &lt;b(?:>|&gt;)x&lt;\/b(?:>|&gt;)\n(?:>|&gt;) quoted<\/body>/);
  expect(styled).toContain("type='chat'");
  await expect(log.locator('strong', { hasText: 'bold' })).toBeVisible();
  await expect(log.locator('blockquote', { hasText: 'quoted' })).toBeVisible();
  await expect(log.getByRole('link', { name: 'docs' })).toBeVisible();

  // XEP-0393 from bob shows as formatting; a body marked <unstyled/> (§6) stays as written.
  bob.send("<message to='alice@localhost' type='chat' id='s1'><body>*loud* _soft_ `mono` ~gone~</body></message>");
  await expect(log.locator('strong', { hasText: 'loud' })).toBeVisible();
  await expect(log.locator('em', { hasText: 'soft' })).toBeVisible();
  await expect(log.locator('code', { hasText: 'mono' })).toBeVisible();
  await expect(log.locator('del', { hasText: 'gone' })).toBeVisible();
  bob.send("<message to='alice@localhost' type='chat' id='s2'><body>*as typed*</body><unstyled xmlns='urn:xmpp:styling:0'/></message>");
  await expect(log).toContainText('*as typed*');
  await screenshot(page, 'composer-xmpp-formatting.png');

  // Any emoji as a reaction (XEP-0444): React, More emoji, search, pick.
  const loud = log.locator('.message').filter({ hasText: 'loud' });
  await loud.hover();
  await loud.getByRole('button', { name: 'React', exact: true }).click();
  await loud.getByRole('button', { name: 'More emoji' }).click();
  const reactions = page.getByRole('dialog', { name: 'Choose any reaction' });
  await reactions.getByRole('searchbox', { name: 'Search emoji' }).fill('rocket');
  await reactions.getByRole('gridcell', { name: 'Rocket', exact: true }).click();
  await expect(reactions).toBeHidden();
  await bob.waitFor(/<reactions [^>]*id=['"]s1['"][^>]*>\s*<reaction>🚀<\/reaction>/u);
  await expect(loud.getByRole('button', { name: /🚀 1/u })).toBeVisible();

  // Paste an image: a preview and a question first; nothing goes before "Send file".
  const png = makePng(24, 16, [20, 120, 220]);
  await composer.focus();
  await composer.evaluate((element, base64) => {
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], 'pasted.png', { type: 'image/png' }));
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, png.toString('base64'));
  const pending = page.getByRole('region', { name: 'Files to send' });
  await expect(pending).toContainText('Send pasted.png?');
  const preview = pending.getByRole('img', { name: 'Preview of pasted.png' });
  await expect(preview).toBeVisible();
  expect(await preview.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(24);
  await screenshot(page, 'composer-paste-preview.png');
  await pending.getByRole('button', { name: 'Send file' }).click();
  await expect(pending).toBeHidden();

  const withFile = await bob.waitFor(/<message [^>]*type=['"]chat['"][\s\S]*<url>[^<]*pasted\.png<\/url>/);
  const url = /<url>([^<]+)<\/url>/.exec(withFile)?.[1] ?? '';
  const download = await fetch(url);
  expect(download.status).toBe(200);
  expect(Buffer.from(await download.arrayBuffer()).equals(png)).toBe(true);
  await expect(log.locator('.message').filter({ hasText: 'pasted.png' })).toBeVisible();
});
