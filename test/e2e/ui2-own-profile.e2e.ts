/**
 * The user's own name and picture end to end: the real UI in Chromium (headless mode), a
 * real Prosody, and bob on a raw XMPP socket (not our adapter) subscribed to alice. Alice
 * opens Accounts → Profile…, a picture XMPP contacts cannot accept is refused in words by
 * the field's dialog, then a name and a small picture are saved with the keyboard; bob reads
 * her nickname (XEP-0172) and the picture's SHA-1 in her avatar metadata (XEP-0084).
 * axe-core finds no serious or critical violation in the dialog, with its error and preview.
 */
import { createHash, randomBytes } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startProsody, type RunningProsody } from '../servers/prosody.js';
import { connectRawXmppClient, type RawXmppClient } from '../servers/prosody/rawXmppClient.js';
import { startHeadlessCore, type RunningHeadlessCore } from '../support/headlessCore.js';
import { makePng } from '../support/testImage.js';
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

  // 70 KB that start like a PNG: the core takes it, the XMPP plugin refuses it (XEP-0084 size) in words.
  await name.fill('Alice Liddell');
  await dialog.getByLabel('Picture').setInputFiles({ name: 'big.png', mimeType: 'image/png', buffer: Buffer.concat([makePng(8, 8), randomBytes(70 * 1024)]) });
  await expect(dialog.getByRole('img', { name: 'Your new picture' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(/^Not saved: The picture is 71 KB; XMPP contacts accept at most 64 KB\. Choose a smaller one\.$/);
  await expectNoSeriousViolations(page, 'refused');

  const picture = makePng(64, 64, [40, 160, 90]);
  await dialog.getByLabel('Picture').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: picture });
  await expect(dialog.getByText('me.png', { exact: true })).toBeVisible();
  await expect(dialog.getByRole('alert'), 'a new choice answers the refusal').toHaveCount(0);
  await expectNoSeriousViolations(page, 'preview');
  await screenshot(page, 'own-profile.png');
  // Saved from the keyboard: Enter in the name field submits the form.
  await name.focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('dialog', { name: 'Accounts' })).toBeVisible();

  const nick = await bob.iq(`<iq type='get' to='alice@localhost'><pubsub xmlns='${PUBSUB}'><items node='http://jabber.org/protocol/nick'/></pubsub></iq>`);
  expect(nick).toMatch(/<nick xmlns=['"]http:\/\/jabber\.org\/protocol\/nick['"]>Alice Liddell<\/nick>/);
  const hash = createHash('sha1').update(picture).digest('hex');
  const metadata = await bob.iq(`<iq type='get' to='alice@localhost'><pubsub xmlns='${PUBSUB}'><items node='urn:xmpp:avatar:metadata'/></pubsub></iq>`);
  expect(metadata).toMatch(new RegExp(`<info [^>]*id=['"]${hash}['"]`));
});
