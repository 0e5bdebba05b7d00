/**
 * XMPP room administration end to end: the real UI against a real Prosody, with an
 * independent raw client (bob). Alice finds bob's public lobby in the Join room dialog's
 * directory (XEP-0045 §6), creates a room of her own (so she owns it), makes bob a moderator
 * from the member list with the keyboard alone (§8.5) and sees it in the list and the log,
 * makes the room members-only (§10.2), which sends bob out, admits him again by address in "Members and
 * bans…" (§9.5), bans and unbans an absent address (§9.2), is refused removing the last owner (§10.5), then
 * destroys the room (§10.9) and reads that it was destroyed. axe checks the role and the lists dialogs.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { connectRawXmppClient, type RawXmppClient } from '../servers/prosody/rawXmppClient.js';
import { joinRoom, xmppPairScene } from './scenes.js';
import { readWholeLog } from './windowedLog.js';
import { addXmppAccount, expectXmppAccount } from './xmppAccountDialog.js';

const scene = xmppPairScene();
const ROOM = 'adminroom@conference.localhost';
let bob: RawXmppClient | undefined;

test.afterAll(async () => {
  await bob?.close();
});

async function expectNoSeriousViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const blocking = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`);
  expect(blocking).toEqual([]);
}

test('an owner makes a member a moderator from the member list with the keyboard, manages the room\'s lists, then destroys the room', async ({ page }) => {
  const { xmpp, core } = scene();
  await page.goto(core.url);
  await addXmppAccount(page, xmpp, { jid: 'alice@localhost', password: 'alice-secret' });
  await expectXmppAccount(page, 'alice@localhost', 'Online');
  await page.keyboard.press('Escape');
  await joinRoom(page, ROOM);

  const otherSide = await connectRawXmppClient({ port: xmpp.directTlsPort, user: 'bob', password: 'bob-secret', resource: 'raw' });
  bob = otherSide;
  otherSide.send(`<presence to='${ROOM}/bob'><x xmlns='http://jabber.org/protocol/muc'/></presence>`);
  const members = page.getByRole('list', { name: 'Members' });
  const bobRow = members.getByRole('listitem').filter({ hasText: 'bob' });
  await expect(bobRow).toBeVisible();

  // The directory of the account's MUC service lists the public rooms: bob's lobby, with its description.
  otherSide.send(`<presence to='lobby@conference.localhost/bob'><x xmlns='http://jabber.org/protocol/muc'/></presence>`);
  await otherSide.waitFor(/<presence [^>]*from=['"]lobby@conference\.localhost\/bob['"][\s\S]*?code=['"]110['"]/);
  const configured = await otherSide.iq(`<iq type='set' to='lobby@conference.localhost'><query xmlns='http://jabber.org/protocol/muc#owner'>`
    + `<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE'><value>http://jabber.org/protocol/muc#roomconfig</value></field>`
    + `<field var='muc#roomconfig_roomname'><value>The Lobby</value></field><field var='muc#roomconfig_roomdesc'><value>Say hello here</value></field>`
    + `<field var='muc#roomconfig_publicroom'><value>1</value></field></x></query></iq>`);
  expect(configured).toMatch(/type=['"]result['"]/);
  await page.getByRole('button', { name: 'Join room' }).first().click();
  const joinDialog = page.getByRole('dialog', { name: 'Join room' });
  await joinDialog.getByLabel('Search rooms').fill('lobby');
  const found = joinDialog.getByRole('list', { name: 'Rooms found' });
  await expect(found.getByRole('button')).toHaveText(['The Lobby · 1 member' + 'Say hello here']);
  await found.getByRole('button', { name: /The Lobby/ }).click();
  await expect(joinDialog.getByLabel('Room', { exact: true })).toHaveValue('lobby@conference.localhost');
  await joinDialog.getByRole('button', { name: 'Cancel' }).click();

  // Keyboard only: from the member filter, Tab to bob's "Roles…", Enter, choose, Enter.
  await page.getByRole('searchbox', { name: 'Filter members' }).fill('bob');
  const rolesButton = page.getByRole('button', { name: 'Change the role of bob' });
  for (let step = 0; step < 8 && !(await rolesButton.evaluate((element) => element === document.activeElement)); step++) await page.keyboard.press('Tab');
  await expect(rolesButton).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Change role' });
  await expect(dialog.getByRole('radio')).toHaveCount(6); // voice, moderator, member, admin, owner, ban: alice owns the room
  await expectNoSeriousViolations(page);
  const moderator = dialog.getByRole('radio', { name: 'Make moderator' });
  await moderator.focus();
  await page.keyboard.press('Space');
  await expect(moderator).toBeChecked();
  await dialog.getByLabel('Reason (optional)').focus();
  await page.keyboard.type('helps out');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();

  await otherSide.waitFor(/<presence [^>]*from=['"]adminroom@conference\.localhost\/bob['"][\s\S]*?role=['"]moderator['"]/);
  await expect(bobRow).toHaveClass(/role-operator/);
  const log = page.getByRole('log', { name: /Messages in adminroom/ });
  await expect.poll(() => readWholeLog(log)).toContain('bob is now a moderator');

  // The owner's room settings (§10.2): members only, saved, and read back from the room.
  await page.getByRole('button', { name: 'Room settings…' }).click();
  const settings = page.getByRole('dialog', { name: 'Room settings' });
  const membersOnly = settings.getByRole('checkbox', { name: /Members only/ });
  await expect(membersOnly).not.toBeChecked();
  await membersOnly.check();
  await settings.getByLabel('Description').fill('Where admins meet');
  await settings.getByRole('button', { name: 'Save settings' }).click();
  await expect(settings).toBeHidden();
  // Bob is no member: the room sends him out (§10.2, status 322).
  await otherSide.waitFor(/<status code=['"]322['"]/);
  await page.getByRole('button', { name: 'Room settings…' }).click();
  await expect(settings.getByRole('checkbox', { name: /Members only/ })).toBeChecked();
  await expect(settings.getByLabel('Description')).toHaveValue('Where admins meet');
  await settings.getByRole('button', { name: 'Cancel' }).click();

  // "Members and bans…" (§9.5, §9.2, §10.5), keyboard only: bob, now absent, is admitted by address and gets back in.
  const lists = page.getByRole('dialog', { name: 'Members and bans' });
  await page.getByRole('button', { name: 'Members and bans…' }).focus();
  await page.keyboard.press('Enter');
  await expect(lists.getByRole('radio', { name: 'Members' })).toBeFocused();
  await expect(lists.getByText('No one is on this list.')).toBeVisible();
  await lists.getByLabel('Address to add').focus();
  await page.keyboard.type('bob@localhost');
  await page.keyboard.press('Enter');
  await expect(lists.getByRole('list', { name: 'Members' }).getByRole('listitem')).toHaveText([/^bob@localhost/]);
  await expect(lists.getByRole('status').filter({ hasText: 'bob@localhost was added.' })).toBeVisible();
  await expectNoSeriousViolations(page);
  const mark = otherSide.received.length;
  otherSide.send(`<presence to='${ROOM}/bob'><x xmlns='http://jabber.org/protocol/muc'/></presence>`);
  await expect.poll(() => otherSide.received.slice(mark).some((element) => /^<presence [^>]*from=['"]adminroom@conference\.localhost\/bob['"]/.test(element)
    && !/type=['"](error|unavailable)['"]/.test(element) && /code=['"]110['"]/.test(element))).toBe(true);

  // An absent address banned with a reason, then the ban lifted; the arrow keys pick the list.
  await lists.getByRole('radio', { name: 'Members' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(lists.getByRole('radio', { name: 'Banned' })).toBeChecked();
  await expect(lists.getByText('No one is on this list.')).toBeVisible();
  await lists.getByLabel('Address to add').focus();
  await page.keyboard.type('mallory@localhost');
  await page.keyboard.press('Tab');
  await expect(lists.getByLabel('Reason (optional)')).toBeFocused();
  await page.keyboard.type('spam');
  await page.keyboard.press('Enter');
  const banned = lists.getByRole('list', { name: 'Banned' });
  await expect(banned.getByRole('listitem')).toHaveText([/^mallory@localhost/]);
  await banned.getByRole('button', { name: 'Remove mallory@localhost from the list' }).focus();
  await page.keyboard.press('Enter');
  await expect(lists.getByText('No one is on this list.')).toBeVisible();
  await expect(lists.getByLabel('Address to add')).toBeFocused();

  // The room refuses to lose its last owner, and says so in words.
  await lists.getByRole('radio', { name: 'Banned' }).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(lists.getByRole('radio', { name: 'Owners' })).toBeChecked();
  await lists.getByRole('list', { name: 'Owners' }).getByRole('button', { name: 'Remove alice@localhost from the list' }).focus();
  await page.keyboard.press('Enter');
  await expect(lists.getByRole('alert')).toHaveText(/a room must keep at least one owner/);
  await page.keyboard.press('Escape');
  await expect(lists).toBeHidden();

  // Destroying asks first; then alice reads that it was destroyed and why.
  await page.getByRole('button', { name: 'Destroy room…' }).click();
  const destroy = page.getByRole('dialog', { name: 'Destroy room' });
  await destroy.getByLabel('Reason (optional)').fill('moving on');
  await destroy.getByRole('button', { name: 'Destroy', exact: true }).click();
  await expect(destroy).toBeHidden();
  await expect.poll(() => readWholeLog(log)).toContain('The room was destroyed by its owner (moving on). You are no longer in it.');
  await expect(page.getByText('Not joined')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Destroy room…' })).toHaveCount(0);
});
