/**
 * XMPP end to end: the real UI in Chromium, served by headless mode, talking to a real
 * Prosody, with an independent raw XMPP client (not our adapter) as the other person:
 * add an account (trusting the test server's certificate), approve a subscription request,
 * chat both ways with typing and receipts shown, join a room; and the certificate refusal.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startProsody, type RunningProsody } from '../servers/prosody.js';
import { connectRawXmppClient, type RawXmppClient } from '../servers/prosody/rawXmppClient.js';
import { repoRoot } from '../support/paths.js';
import { startHeadlessCore, type RunningHeadlessCore } from '../support/headlessCore.js';
import { accountRow, closeAccounts, openAccounts } from './accountsDialog.js';
import { addXmppAccount, expectXmppAccount, xmppAccountLabel } from './xmppAccountDialog.js';
import { joinRoom } from './scenes.js';

const screenshots = join(repoRoot, 'test-output', 'e2e');
const PASSWORD = 'e2e-password';

let prosody: RunningProsody;
let core: RunningHeadlessCore;
const rawClients: RawXmppClient[] = [];

// One app session, in order: the second test checks that the first test's account keeps working.
test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  prosody = await startProsody();
  await Promise.all(['alice', 'bob', 'carol'].map((user) => prosody.register(user, PASSWORD)));
  core = await startHeadlessCore();
});

test.afterAll(async () => {
  await Promise.all(rawClients.map((client) => client.close()));
  await core.stop();
  await prosody.stop();
});

async function rawClient(user: string, resource = 'other-side'): Promise<RawXmppClient> {
  const client = await connectRawXmppClient({ port: prosody.directTlsPort, user, password: PASSWORD, resource });
  rawClients.push(client);
  return client;
}

test('add an XMPP account, approve a contact, chat with typing and receipts, join a room', async ({ page }) => {
  await page.goto(core.url);
  await addXmppAccount(page, prosody, { jid: 'alice@localhost', password: PASSWORD });
  await expectXmppAccount(page, 'alice@localhost', 'Online');

  // Bob, on another client, asks to see alice's presence; alice approves in the UI.
  const bob = await rawClient('bob');
  bob.send("<presence to='alice@localhost' type='subscribe'/>");
  const requests = page.getByRole('list', { name: 'Requests' });
  await expect(requests).toContainText('bob@localhost wants to add you as a contact');
  await requests.getByRole('button', { name: 'Accept' }).click();
  await bob.waitFor(/<presence [^>]*type=['"]subscribed['"]/);
  await expect(page.getByText('bob@localhost wants to add you')).toHaveCount(0);
  // Alice asked back; bob approves, and bob appears on alice's buddy list.
  await bob.waitFor(/<presence [^>]*type=['"]subscribe['"]/);
  bob.send("<presence to='alice@localhost' type='subscribed'/>");
  const contacts = page.getByRole('list', { name: 'Contacts' });
  await expect(contacts).toContainText('bob');

  // Bob writes first: the conversation opens with his message; he is shown typing.
  bob.send("<message to='alice@localhost' type='chat' id='b1'><body>hi alice, it's bob &lt;b&gt;not bold&lt;/b&gt;</body><active xmlns='http://jabber.org/protocol/chatstates'/></message>");
  await page.getByRole('button', { name: 'bob', exact: false }).first().click();
  const log = page.getByRole('log', { name: /Messages in bob/ });
  await expect(log).toContainText("hi alice, it's bob <b>not bold</b>");
  bob.send("<message to='alice@localhost' type='chat'><composing xmlns='http://jabber.org/protocol/chatstates'/></message>");
  await expect(page.getByRole('status').filter({ hasText: 'is typing' })).toContainText('bob');

  // Alice types (bob sees XEP-0085 composing) and sends; bob's receipt shows as delivered.
  const composer = page.getByRole('textbox', { name: 'Message', exact: true });
  await composer.fill('hello bob, this is alice');
  await bob.waitFor(/<composing xmlns=['"]http:\/\/jabber.org\/protocol\/chatstates['"]/);
  await composer.press('Enter');
  await expect(composer).toHaveValue('');
  const sent = await bob.waitFor(/<body>hello bob, this is alice<\/body>/);
  expect(sent).toContain("<request xmlns='urn:xmpp:receipts'/>");
  const messageId = /<message [^>]*id=['"]([^'"]+)['"]/.exec(sent)?.[1] ?? '';
  expect(messageId).not.toBe('');
  await expect(log).toContainText('hello bob, this is alice');
  bob.send(`<message to='alice@localhost' type='chat'><received xmlns='urn:xmpp:receipts' id='${messageId}'/></message>`);
  await expect(log).toContainText('✓ delivered');
  bob.send(`<message to='alice@localhost' type='chat'><displayed xmlns='urn:xmpp:chat-markers:0' id='${messageId}'/></message>`);
  await expect(log).toContainText('✓✓ read');
  await page.screenshot({ path: join(screenshots, 'xmpp-chat.png'), fullPage: true });

  // A room: alice joins, bob is there, messages both ways.
  const room = `lounge@${prosody.mucDomain}`;
  bob.send(`<presence to='${room}/bob'><x xmlns='http://jabber.org/protocol/muc'/></presence>`);
  await bob.waitFor(/code=['"]110['"]/);
  await joinRoom(page, room);
  await expect(page.getByRole('tab', { name: 'lounge' })).toHaveAttribute('aria-selected', 'true');
  const members = page.getByRole('list', { name: 'Members' });
  await expect(members).toContainText('bob');
  await expect(members).toContainText('alice');
  const roomLog = page.getByRole('log', { name: 'Messages in lounge' });
  bob.send(`<message to='${room}' type='groupchat' id='r1'><body>welcome to the lounge</body></message>`);
  await expect(roomLog).toContainText('welcome to the lounge');
  await composer.fill('thanks, bob');
  await composer.press('Enter');
  await bob.waitFor(/<message [^>]*type=['"]groupchat['"][\s\S]*<body>thanks, bob<\/body>/);
  await expect(roomLog).toContainText('thanks, bob');
  await page.screenshot({ path: join(screenshots, 'xmpp-room.png'), fullPage: true });
});

test('an untrusted certificate is refused with its fingerprint, and chat goes on', async ({ page }) => {
  await page.goto(core.url);
  await expectXmppAccount(page, 'alice@localhost', 'Online');
  await addXmppAccount(page, prosody, { jid: 'carol@localhost', password: PASSWORD, trustCertificate: false });
  await openAccounts(page);
  const carol = accountRow(page, xmppAccountLabel('carol@localhost'));
  await expect(carol).toContainText('Failed');
  await expect(carol).toContainText(/self-signed/);
  await expect(carol).toContainText(prosody.certificateFingerprint256);
  await page.screenshot({ path: join(screenshots, 'xmpp-certificate.png'), fullPage: true });
  await closeAccounts(page);

  const bobElsewhere = await rawClient('bob', 'tablet');
  await page.getByRole('tab', { name: /bob/ }).first().click();
  const composer = page.getByRole('textbox', { name: 'Message', exact: true });
  await composer.fill('still here');
  await composer.press('Enter');
  await bobElsewhere.waitFor(/<body>still here<\/body>/);
});
