/**
 * The user's own name and picture end to end: the real UI in Chromium (headless mode), a
 * real Prosody, and bob on a raw XMPP socket (not our adapter) subscribed to alice. Alice
 * opens Accounts → Profile…; a file that is no picture is refused in words by its field; a
 * photo too heavy for XMPP is made smaller in the browser; name and picture are saved with
 * the keyboard; bob reads her nickname (XEP-0172) and her avatar (XEP-0084): metadata under
 * 64 KB whose SHA-1 names exactly the bytes of the data item.
 * axe-core finds no serious or critical violation in the dialog, with its error and preview.
 */
import { createHash } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startProsody, type RunningProsody } from '../servers/prosody.js';
import { connectRawXmppClient, type RawXmppClient } from '../servers/prosody/rawXmppClient.js';
import { startHeadlessCore, type RunningHeadlessCore } from '../support/headlessCore.js';
import { makeNoisePng } from '../support/testImage.js';
import { accountRow, openAccounts } from './accountsDialog.js';
import { screenshot } from './scenes.js';
import { addXmppAccount, expectXmppAccount, xmppAccountLabel } from './xmppAccountDialog.js';

const PASSWORD = 'e2e-password';
const PUBSUB = 'http://jabber.org/protocol/pubsub';
let prosody: RunningProsody;
let core: RunningHeadlessCore;
let bob: RawXmppClient;

test.describe.configure({ mode: 'serial' });

/** Bob subscribes to alice's presence and she approves (RFC 6121 §3.1), before Switchboard logs her in: PEP items are for subscribers. */
async function bobFollowsAlice(): Promise<void> {
  const alice = await connectRawXmppClient({ port: prosody.directTlsPort, user: 'alice', password: PASSWORD, resource: 'setup' });
  await bob.iq("<iq type='set'><query xmlns='jabber:iq:roster'><item jid='alice@localhost'/></query></iq>");
  bob.send("<presence to='alice@localhost' type='subscribe'/>");
  await alice.waitFor(/^<presence (?=[^>]*from=['"]bob@localhost)(?=[^>]*type=['"]subscribe['"])/);
  alice.send("<presence to='bob@localhost' type='subscribed'/>");
  await bob.waitFor(/<item (?=[^>]*jid=['"]alice@localhost['"])(?=[^>]*subscription=['"]to['"])/);
  await alice.close();
}

test.beforeAll(async () => {
  prosody = await startProsody();
  await Promise.all(['alice', 'bob'].map((user) => prosody.register(user, PASSWORD)));
  core = await startHeadlessCore();
  bob = await connectRawXmppClient({ port: prosody.directTlsPort, user: 'bob', password: PASSWORD, resource: 'raw' });
  await bobFollowsAlice();
});

test.afterAll(async () => {
  await bob.close();
  await core.stop();
  await prosody.stop();
});

async function expectNoSeriousViolations(page: Page, screen: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).include('[role="dialog"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const blocking = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`);
  expect(blocking, screen).toEqual([]);
}

test('Accounts → Profile…: a name and picture set in the dialog reach a subscribed contact', async ({ page }) => {
  await page.goto(core.url);
  await addXmppAccount(page, prosody, { jid: 'alice@localhost', password: PASSWORD });
  await expectXmppAccount(page, 'alice@localhost', 'Online');

  await openAccounts(page);
  await accountRow(page, xmppAccountLabel('alice@localhost')).getByRole('button', { name: 'Profile…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Your profile' });
  const name = dialog.getByRole('textbox', { name: 'Display name' });
  await expect(name).toBeFocused();
  await expectNoSeriousViolations(page, 'empty');

  await name.fill('Alice Liddell');
  const picture = dialog.getByLabel('Picture');
  await picture.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') });
  await expect(dialog.getByText('notes.txt is not a PNG, JPEG, GIF or WebP picture.')).toBeVisible();
  await expect(picture).toHaveAttribute('aria-invalid', 'true');
  await expectNoSeriousViolations(page, 'refused');

  // A photo's weight (600×400 of noise, ~700 KB): scaled in the browser to fit XMPP's 64 KB.
  const photo = makeNoisePng(600, 400);
  expect(photo.length).toBeGreaterThan(500 * 1024);
  await picture.setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: photo });
  await expect(dialog.getByText('photo.png, made smaller to fit every network', { exact: true })).toBeVisible();
  const preview = dialog.getByRole('img', { name: 'Your new picture' });
  await expect(preview).toBeVisible();
  // The preview is what is sent: 256 pixels on the longer side.
  await expect.poll(() => preview.evaluate((image: HTMLImageElement) => [image.naturalWidth, image.naturalHeight])).toEqual([256, 171]);
  await expect(picture).not.toHaveAttribute('aria-invalid', 'true');
  await expectNoSeriousViolations(page, 'preview');
  await screenshot(page, 'own-profile.png');
  // Saved from the keyboard: Enter in the name field submits the form.
  await name.focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('dialog', { name: 'Accounts' })).toBeVisible();

  const nick = await bob.iq(`<iq type='get' to='alice@localhost'><pubsub xmlns='${PUBSUB}'><items node='http://jabber.org/protocol/nick'/></pubsub></iq>`);
  expect(nick).toMatch(/<nick xmlns=['"]http:\/\/jabber\.org\/protocol\/nick['"]>Alice Liddell<\/nick>/);
  // XEP-0084 §4.2: the metadata names the picture by its SHA-1; the data item holds exactly those bytes.
  const metadata = await bob.iq(`<iq type='get' to='alice@localhost'><pubsub xmlns='${PUBSUB}'><items node='urn:xmpp:avatar:metadata'/></pubsub></iq>`);
  const info = /<info (?=[^>]*bytes=['"](\d+)['"])(?=[^>]*id=['"]([0-9a-f]{40})['"])(?=[^>]*type=['"](image\/[a-z]+)['"])/.exec(metadata);
  if (!info) throw new Error(`no avatar metadata: ${metadata}`);
  const [, bytes = '', hash = '', type = ''] = info;
  expect(Number(bytes)).toBeLessThanOrEqual(64 * 1024);
  expect(['image/png', 'image/jpeg']).toContain(type);
  const data = await bob.iq(`<iq type='get' to='alice@localhost'><pubsub xmlns='${PUBSUB}'><items node='urn:xmpp:avatar:data'><item id='${hash}'/></items></pubsub></iq>`);
  const base64 = /<data xmlns=['"]urn:xmpp:avatar:data['"]>([^<]+)<\/data>/.exec(data)?.[1] ?? '';
  const received = Buffer.from(base64.replace(/\s+/g, ''), 'base64');
  expect(received.length).toBe(Number(bytes));
  expect(createHash('sha1').update(received).digest('hex')).toBe(hash);
});

test('Profile… again: the name and picture shown now, and Remove picture by keyboard', async ({ page }) => {
  await page.goto(core.url);
  await expectXmppAccount(page, 'alice@localhost', 'Online');
  await openAccounts(page);
  await accountRow(page, xmppAccountLabel('alice@localhost')).getByRole('button', { name: 'Profile…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Your profile' });
  await expect(dialog.getByRole('textbox', { name: 'Display name' })).toHaveValue('Alice Liddell');
  const now = dialog.getByRole('img', { name: 'Your picture now' });
  await expect(now).toBeVisible();
  await expect.poll(() => now.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(256);
  await expectNoSeriousViolations(page, 'current');

  const remove = dialog.getByRole('button', { name: 'Remove picture' });
  await remove.focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByText('Your picture is removed when you save.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Save' }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();

  // XEP-0084 §4.5: bob now reads empty metadata.
  await expect.poll(async () => bob.iq(`<iq type='get' to='alice@localhost'><pubsub xmlns='${PUBSUB}'><items node='urn:xmpp:avatar:metadata' max_items='1'/></pubsub></iq>`))
    .toMatch(/<metadata xmlns=['"]urn:xmpp:avatar:metadata['"]\s*\/>/);
});
