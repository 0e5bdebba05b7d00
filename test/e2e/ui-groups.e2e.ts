/**
 * Buddy groups end to end, in Chromium against headless mode, Prosody, ngIRCd and Synapse:
 * alice is on XMPP, on IRC and on Matrix. A group "Work" is created; the XMPP buddy Bob is dragged into it with
 * the mouse (@dnd-kit's pointer sensor, moved step by step), and the move is on the
 * server: a second client of alice's (a raw XMPP socket, another resource) fetches the
 * roster and sees Bob in Work (RFC 6121 §2.1.3); a change that client makes arrives back
 * as a roster push. The IRC buddy dave is moved by keyboard with "Move to group…" and
 * stays there after a reload (the profile keeps IRC groups). carol, a buddy on both
 * networks, is offered as a suggested merge and merged; @irc_dave on Matrix, a bridge
 * puppet of IRC's dave, is offered and dismissed. A collapsed group stays collapsed,
 * a group dragged above another stays there; the compact density drops the status lines.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startNgircd, type RunningIrcServer } from '../servers/ngircd.js';
import { startProsody, type RunningProsody } from '../servers/prosody.js';
import { startSynapse, type RunningSynapse } from '../servers/synapse.js';
import { connectRawXmppClient, type RawXmppClient } from '../servers/prosody/rawXmppClient.js';
import { startHeadlessCore, type RunningHeadlessCore } from '../support/headlessCore.js';
import { addIrcAccount, expectIrcAccount } from './ircAccountDialog.js';
import { addMatrixAccount, expectMatrixAccount } from './matrixAccountDialog.js';
import { screenshot } from './scenes.js';
import { addXmppAccount, chooseXmppAccount, expectXmppAccount } from './xmppAccountDialog.js';

let xmpp: RunningProsody;
let irc: RunningIrcServer;
let synapse: RunningSynapse;
let core: RunningHeadlessCore;
let matrixAlice = '';
let otherClient: RawXmppClient | undefined;

test.describe.configure({ mode: 'serial' });
// Tall enough for the whole buddy list under the accounts (the list is windowed: rows far out of view are not rendered).
test.use({ viewport: { width: 1280, height: 1600 } });
test.beforeAll(async () => {
  [xmpp, irc, synapse, core] = await Promise.all([startProsody(), startNgircd(), startSynapse(), startHeadlessCore()]);
  await Promise.all([xmpp.register('alice', 'alice-secret'), xmpp.register('bob', 'bob-secret'), xmpp.register('carol', 'carol-secret')]);
  // irc_dave: what matrix-appservice-irc calls the puppet of IRC's dave.
  const [alice] = await Promise.all([synapse.registerUser('alice', 'alice-secret'), synapse.registerUser('irc_dave', 'dave-secret')]);
  matrixAlice = alice.userId;
});
test.afterAll(async () => {
  await otherClient?.close();
  await core.stop();
  await Promise.all([xmpp.stop(), irc.stop(), synapse.stop()]);
});

async function addContact(page: Page, choose: (dialog: Locator) => Promise<unknown>, id: string, name?: string): Promise<void> {
  await page.getByRole('button', { name: 'Add contact' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add contact' });
  await choose(dialog);
  await dialog.getByLabel('Contact ID').fill(id);
  if (name !== undefined) await dialog.getByLabel('Name').fill(name);
  await dialog.getByRole('button', { name: 'Add contact' }).click();
  await expect(dialog).toBeHidden();
}

/** A group's list of persons and buddies in the buddy list. */
const group = (page: Page, name: string) => page.getByRole('list', { name, exact: true });
const groupHeading = (page: Page, name: string) => page.getByRole('button', { name: new RegExp(`^${name} \\(`) });

/**
 * Drags `source` onto `target` with the mouse, in small steps: @dnd-kit's pointer sensor
 * starts a drag only after the pointer moved a few pixels while pressed.
 */
async function drag(page: Page, source: Locator, target: Locator): Promise<void> {
  const from = await source.boundingBox();
  const to = await target.boundingBox();
  if (from === null || to === null) throw new Error('nothing to drag, or nowhere to drop');
  const start = { x: from.x + 30, y: from.y + Math.min(12, from.height / 2) };
  const end = { x: to.x + 30, y: to.y + to.height / 2 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  for (let step = 1; step <= 12; step++) {
    await page.mouse.move(start.x + ((end.x - start.x) * step) / 12, start.y + ((end.y - start.y) * step) / 12);
  }
  await page.mouse.up();
}

/** The groups of `jid` in alice's roster as the server has it, fetched by an independent client of alice's (another resource). */
async function serverGroups(jid: string): Promise<string[]> {
  otherClient ??= await connectRawXmppClient({ port: xmpp.directTlsPort, user: 'alice', password: 'alice-secret', resource: 'other-client' });
  const result = await otherClient.iq("<iq type='get'><query xmlns='jabber:iq:roster'/></iq>");
  const item = new RegExp(`<item[^>]*jid=["']${jid.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["'][^>]*>(.*?)</item>`, 's').exec(result)?.[1] ?? '';
  return [...item.matchAll(/<group>([^<]*)<\/group>/g)].map((match) => match[1] ?? '');
}

test('groups: created, a buddy dragged in (on the XMPP server too), another moved by keyboard, a suggested merge accepted', async ({ page }) => {
  await page.goto(core.url);
  await addXmppAccount(page, xmpp, { jid: 'alice@localhost', password: 'alice-secret' });
  await addIrcAccount(page, { nick: 'alice', port: irc.port });
  await expectXmppAccount(page, 'alice@localhost', 'Online');
  await expectIrcAccount(page, 'alice', 'Online');
  const onXmpp = (dialog: Locator) => chooseXmppAccount(dialog, 'alice@localhost');
  const onIrc = (dialog: Locator) => dialog.getByLabel('Account').selectOption({ label: 'alice (IRC)' });
  await addContact(page, onXmpp, 'bob@localhost', 'Bob');
  await addContact(page, onXmpp, 'carol@localhost', 'Carol');
  await addContact(page, onIrc, 'dave');
  await addContact(page, onIrc, 'carol');
  const buddies = group(page, 'Buddies');
  for (const name of ['Bob', 'Carol', 'dave', 'carol']) await expect(buddies.getByRole('button', { name, exact: true })).toBeVisible();

  // A new group, at the end of the list.
  await page.getByRole('button', { name: 'New group' }).click();
  await page.getByLabel('Group name').fill('Work');
  await page.getByRole('button', { name: 'Create group' }).click();
  await expect(groupHeading(page, 'Work')).toBeVisible();

  // Bob (XMPP) dragged into Work with the mouse: moved here, and in the roster on the server.
  const bobRow = buddies.getByRole('listitem').filter({ has: page.getByRole('button', { name: 'Bob', exact: true }) });
  await drag(page, bobRow, groupHeading(page, 'Work'));
  await expect(group(page, 'Work').getByRole('button', { name: 'Bob', exact: true })).toBeVisible();
  await expect(buddies.getByRole('button', { name: 'Bob', exact: true })).toHaveCount(0);
  await expect.poll(() => serverGroups('bob@localhost'), { timeout: 10_000 }).toEqual(['Work']);

  // dave (IRC) moved by keyboard: Move to group…, the menu's items, Enter.
  const moveDave = page.getByRole('button', { name: 'Move dave to group' });
  await moveDave.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: 'Work' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(group(page, 'Work').getByRole('button', { name: 'dave', exact: true })).toBeVisible();

  // Another client of alice's regroups Bob: the roster push shows here (RFC 6121 §2.1.6).
  await serverGroups('bob@localhost');
  await otherClient?.iq("<iq type='set'><query xmlns='jabber:iq:roster'><item jid='bob@localhost' name='Bob'><group>Friends</group></item></query></iq>");
  await expect(group(page, 'Friends').getByRole('button', { name: 'Bob', exact: true })).toBeVisible();
  await expect(group(page, 'Work').getByRole('button', { name: 'Bob', exact: true })).toHaveCount(0);

  // carol on both networks: offered once as a merge, accepted, one person from then on.
  const suggestion = page.getByRole('group', { name: /^Merge carol .* and Carol .*\?$|^Merge Carol .* and carol .*\?$/ });
  await expect(suggestion).toBeVisible();
  await suggestion.getByRole('button', { name: 'Merge', exact: true }).click();
  await expect(suggestion).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Buddies of (carol|Carol)$/ })).toBeVisible();
  await expect(buddies.getByRole('listitem').filter({ has: page.getByRole('button', { name: 'Buddies of carol' }) }).or(
    buddies.getByRole('listitem').filter({ has: page.getByRole('button', { name: 'Buddies of Carol' }) }))).toHaveCount(1);

  // On Matrix, a direct chat with @irc_dave, the bridge puppet of IRC's dave: offered once, dismissed, never again.
  await addMatrixAccount(page, synapse.baseUrl, matrixAlice, 'alice-secret');
  await expectMatrixAccount(page, matrixAlice, 'Online');
  await page.getByRole('button', { name: 'New message' }).first().click();
  const newMessage = page.getByRole('dialog', { name: 'New message' });
  await newMessage.getByLabel('Account').selectOption({ label: `${matrixAlice} (Matrix)` });
  await newMessage.getByLabel('Contact').fill(matrixAlice.replace('@alice:', '@irc_dave:'));
  await newMessage.getByRole('button', { name: 'Open' }).click();
  await expect(newMessage).toBeHidden();
  const puppet = page.getByRole('group', { name: /^Merge dave \(alice \(IRC\)\) and .+ \(@alice:\S+ \(Matrix\)\)\?$/ });
  await expect(puppet).toBeVisible();
  await expect(page.getByRole('list', { name: 'Suggested merges' })).toContainText('one is bridged to the other');
  await puppet.getByRole('button', { name: 'Not the same' }).click();
  await expect(puppet).toHaveCount(0);

  // Collapsed, and after a reload still collapsed, dave still in Work (kept in the profile), no suggestion again.
  await groupHeading(page, 'Friends').click();
  await expect(groupHeading(page, 'Friends')).toHaveAttribute('aria-expanded', 'false');
  await expect(group(page, 'Friends')).toHaveCount(0);
  await page.reload();
  await expect(groupHeading(page, 'Friends')).toHaveAttribute('aria-expanded', 'false');
  await expect(group(page, 'Work').getByRole('button', { name: 'dave', exact: true })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Suggested merges' })).toHaveCount(0);
  await expect(group(page, 'Matrix')).toContainText('irc_dave');
  await groupHeading(page, 'Friends').click();
  await expect(group(page, 'Friends').getByRole('button', { name: 'Bob', exact: true })).toBeVisible();
  await screenshot(page, 'ui-groups-buddy-list.png');

  // Groups reordered by dragging a heading onto another: Friends goes where Buddies was, and stays there.
  const headings = page.getByRole('button', { name: /^(Buddies|Work|Friends) \(/ });
  await expect(headings).toHaveText([/^.Buddies/, /^.Work/, /^.Friends/]);
  await drag(page, groupHeading(page, 'Friends'), groupHeading(page, 'Buddies'));
  await expect(headings).toHaveText([/^.Friends/, /^.Buddies/, /^.Work/]);
  await page.reload();
  await expect(headings).toHaveText([/^.Friends/, /^.Buddies/, /^.Work/]);

  // Compact: one line per buddy, the status lines gone; roomy brings them back.
  const daveStatus = group(page, 'Work').getByRole('listitem').filter({ has: page.getByRole('button', { name: 'dave', exact: true }) }).locator('.buddy-presence');
  await expect(daveStatus).toBeVisible();
  await page.getByLabel('Compact list').check();
  await expect(daveStatus).toBeHidden();
  await screenshot(page, 'ui-groups-buddy-list-compact.png');
  await page.getByLabel('Compact list').uncheck();
  await expect(daveStatus).toBeVisible();
});
