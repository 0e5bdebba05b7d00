/**
 * Matrix end to end: the real UI in Chromium, served by headless mode, talking to a real
 * Synapse, with an independent matrix-js-sdk client (not our adapter) as the other person:
 * add a Matrix account through the dialog, open a direct chat (encrypted by default), and
 * chat both ways; a wrong password shows a clear error; messages from bob's unverified device
 * are marked, and one whose key bob's client holds back appears in place once the key comes.
 * A space bob makes is found in the directory of the server named in the Join room dialog,
 * joined, and shown as a group of the buddy list, from which its rooms are joined by keyboard.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startSynapse, type RunningSynapse } from '../servers/synapse.js';
import { heldToDevice } from '../servers/synapse/heldToDevice.js';
import { startSdkPeer, type SdkPeer } from '../servers/synapse/sdkPeer.js';
import { repoRoot } from '../support/paths.js';
import { startHeadlessCore, type RunningHeadlessCore } from '../support/headlessCore.js';
import { addMatrixAccount, expectMatrixAccount, openNewMessage } from './matrixAccountDialog.js';

const screenshots = join(repoRoot, 'test-output', 'e2e');
const PASSWORD = 'e2e-password';

let synapse: RunningSynapse;
let core: RunningHeadlessCore;
let bob: SdkPeer;
let aliceId = '';
let dmRoomId = '';
const bobKeys = heldToDevice();

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  synapse = await startSynapse();
  const [alice, bobUser] = await Promise.all([synapse.registerUser('alice', PASSWORD), synapse.registerUser('bob', PASSWORD)]);
  aliceId = alice.userId;
  bob = await startSdkPeer(synapse.baseUrl, bobUser, { fetchFn: bobKeys.fetchFn });
  core = await startHeadlessCore();
});

test.afterAll(async () => {
  bob.stop();
  await core.stop();
  await synapse.stop();
});

async function addAccount(page: Page, userId: string, password: string): Promise<void> {
  await addMatrixAccount(page, synapse.baseUrl, userId, password);
}

test('add a Matrix account and chat in an encrypted DM with an independent client, both ways', async ({ page }) => {
  await page.goto(core.url);
  await addAccount(page, aliceId, PASSWORD);
  await expectMatrixAccount(page, aliceId, 'Online');

  // Alice opens a direct chat with bob; bob's own client joins it.
  await openNewMessage(page, bob.userId);
  await expect(page.getByRole('tab', { name: 'bob' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('list', { name: 'Contacts' })).toContainText('bob');
  await expect(page.getByRole('tab')).toHaveCount(1); // the DM room is not also listed as a room

  const composer = page.getByRole('textbox', { name: 'Message', exact: true });
  await composer.fill('hello bob, this is alice (encrypted)');
  await composer.press('Enter');
  await expect(composer).toHaveValue('');
  const atBob = await bob.waitForMessage(/^hello bob, this is alice \(encrypted\)$/);
  expect(atBob.encrypted).toBe(true);
  dmRoomId = atBob.roomId;
  const log = page.getByRole('log', { name: /Messages in bob/ });
  await expect(log).toContainText('hello bob, this is alice (encrypted)');

  await bob.sendText(atBob.roomId, 'hi alice, bob here <b>not bold</b>');
  await expect(log).toContainText('hi alice, bob here <b>not bold</b>');

  await composer.fill('/me waves');
  await composer.press('Enter');
  await bob.waitForMessage(/^waves$/);
  await page.screenshot({ path: join(screenshots, 'matrix-chat.png'), fullPage: true });
});

test('a wrong password is a clear error, and the chat goes on', async ({ page }) => {
  await page.goto(core.url);
  await expectMatrixAccount(page, aliceId, 'Online');
  const mallory = await synapse.registerUser('mallory', 'the-real-password');
  await addAccount(page, mallory.userId, 'not-the-password');
  await expectMatrixAccount(page, mallory.userId, 'Failed');
  await expectMatrixAccount(page, mallory.userId, /password/i);
  await page.getByRole('tab', { name: 'bob' }).click();
  const composer = page.getByRole('textbox', { name: 'Message', exact: true });
  await composer.fill('still here');
  await composer.press('Enter');
  await bob.waitForMessage(/^still here$/);
});

test('bob\'s unverified device is marked; a message whose key comes late appears in place, not as edited', async ({ page }) => {
  await page.goto(core.url);
  await expectMatrixAccount(page, aliceId, 'Online');
  await page.getByRole('tab', { name: 'bob' }).click();
  const log = page.getByRole('log', { name: /Messages in bob/ });
  const fromBob = log.locator('.message', { hasText: 'hi alice, bob here' });
  const shield = fromBob.getByRole('img', { name: 'Unverified device' });
  await expect(shield).toBeVisible();
  await expect(shield).toHaveAttribute('title', /neither its owner nor you verified/);

  // A new session, whose key bob's client keeps back (as a slow federation would).
  await bob.client.getCrypto()?.forceDiscardSession(dmRoomId);
  bobKeys.hold();
  await bob.sendText(dmRoomId, 'sent before its key');
  await expect(log).toContainText(/could not be decrypted/);
  expect(await bobKeys.release()).toBeGreaterThan(0);
  const late = log.locator('.message', { hasText: 'sent before its key' });
  await expect(late).toBeVisible();
  await expect(log).not.toContainText(/could not be decrypted/);
  await expect(late).not.toContainText('(edited)');
  await expect(late.getByRole('img', { name: 'Unverified device' })).toBeVisible();
  await page.screenshot({ path: join(screenshots, 'matrix-trust.png'), fullPage: true });
});

/** No serious or critical WCAG 2.1 A/AA violation on the page as it is. */
async function expectAxeClean(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const blocking = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(blocking.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`)).toEqual([]);
}

test('a space is a group of the buddy list: found in a named server\'s directory, its rooms joined from it by keyboard', async ({ page }) => {
  // §Spaces: bob's space lists its rooms in m.space.child state events.
  const { room_id: spaceId } = await bob.client.createRoom({
    name: 'Team Space', preset: 'public_chat' as never, visibility: 'public' as never, creation_content: { type: 'm.space' },
  });
  for (const name of ['General', 'Random']) {
    const { room_id: roomId } = await bob.client.createRoom({ name, preset: 'public_chat' as never });
    await bob.client.sendStateEvent(spaceId, 'm.space.child' as never, { via: [synapse.serverName] } as never, roomId);
  }

  await page.goto(core.url);
  await expectMatrixAccount(page, aliceId, 'Online');
  await page.getByRole('button', { name: 'Join room' }).first().click();
  const joinDialog = page.getByRole('dialog', { name: 'Join room' });
  const account = joinDialog.getByLabel('Account');
  await account.selectOption(await account.locator('option', { hasText: aliceId }).getAttribute('value') ?? '');
  // Synapse here has no federation: another server is refused, in words; our own, named, is listed.
  const server = joinDialog.getByLabel('Server (optional)');
  await server.fill('elsewhere.invalid');
  await expect(joinDialog.getByRole('alert')).toHaveText('Could not search: Your homeserver does not talk to elsewhere.invalid, so its rooms cannot be listed.');
  await server.fill(synapse.serverName);
  await joinDialog.getByLabel('Search rooms').fill('Team');
  await joinDialog.getByRole('list', { name: 'Rooms found' }).getByRole('button', { name: /Team Space/ }).click();
  await expect(joinDialog.getByLabel('Room', { exact: true })).toHaveValue(spaceId);
  await joinDialog.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(joinDialog).toBeHidden();
  await expect(page.getByRole('tab', { name: 'Team Space' })).toHaveCount(0); // a space is no chat

  // The buddy list is windowed: the filter brings the group into view.
  const filter = page.getByRole('searchbox', { name: 'Filter contacts' });
  await filter.fill('Team Space');
  const entry = page.getByRole('list', { name: 'Rooms of Team Space' }).getByRole('button', { name: 'Rooms in this space…' });
  await expect(entry).toBeVisible();
  await page.getByRole('button', { name: /^Team Space \(/ }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(entry).toBeFocused();
  await page.keyboard.press('Enter');
  const rooms = page.getByRole('dialog', { name: 'Rooms in Team Space' });
  const toJoin = rooms.getByRole('list', { name: 'Rooms to join' });
  await expect(toJoin.getByRole('button')).toHaveText([/General/, /Random/]);
  await expectAxeClean(page);
  await toJoin.getByRole('button', { name: /^General/ }).focus();
  await page.keyboard.press('Enter');
  await expect(rooms).toBeHidden();

  await filter.fill('General');
  const inGroup = page.getByRole('list', { name: 'Rooms of Team Space' });
  await expect(inGroup.getByRole('button', { name: 'General' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'General' })).toHaveAttribute('aria-selected', 'true');
  await filter.fill('');
  await expect(inGroup.getByRole('button')).toHaveText([/General/, /Rooms in this space…/]);
  await expectAxeClean(page);
  await page.screenshot({ path: join(screenshots, 'matrix-space-group.png'), fullPage: true });
});
