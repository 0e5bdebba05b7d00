/**
 * Matrix files end to end: the real UI in Chromium (headless mode, strict CSP) against
 * Synapse, with an independent matrix-js-sdk client as bob sending an image into an
 * encrypted direct chat. No <img> exists until the user asks for a preview; then the image
 * (decrypted and sniffed by the core, a blob: URL in the page) really decodes; Save puts
 * the same bytes in the profile's downloads folder.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startSynapse, type RegisteredUser, type RunningSynapse } from '../servers/synapse.js';
import { startSdkPeer, type SdkPeer } from '../servers/synapse/sdkPeer.js';
import { sendFile, untilJoined } from '../servers/synapse/sendFile.js';
import { startHeadlessCore, type RunningHeadlessCore } from '../support/headlessCore.js';
import { repoRoot } from '../support/paths.js';
import { makePng } from '../support/testImage.js';
import { addMatrixAccount, expectMatrixAccount } from './matrixAccountDialog.js';

const screenshots = join(repoRoot, 'test-output', 'e2e');
const PASSWORD = 'e2e-password';

let synapse: RunningSynapse;
let core: RunningHeadlessCore;
let bobUser: RegisteredUser;
let bob: SdkPeer;
let aliceId = '';

test.beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  synapse = await startSynapse();
  const [alice, bobRegistered] = await Promise.all([synapse.registerUser('alice', PASSWORD), synapse.registerUser('bob', PASSWORD)]);
  aliceId = alice.userId;
  bobUser = bobRegistered;
  bob = await startSdkPeer(synapse.baseUrl, bobUser);
  core = await startHeadlessCore();
});

test.afterAll(async () => {
  bob.stop();
  await core.stop();
  await synapse.stop();
});

test('a received image: no <img> until "Show preview", then it renders; Save puts it in the downloads folder', async ({ page }) => {
  await page.goto(core.url);
  await addMatrixAccount(page, synapse.baseUrl, aliceId, PASSWORD, { acceptDirectInvites: true });
  await expectMatrixAccount(page, aliceId, 'Online');

  const { room_id: roomId } = await synapse.request('POST', '/_matrix/client/v3/createRoom', bobUser.accessToken, {
    preset: 'trusted_private_chat', is_direct: true, invite: [aliceId],
    initial_state: [{ type: 'm.room.encryption', state_key: '', content: { algorithm: 'm.megolm.v1.aes-sha2' } }],
  }) as { room_id: string };
  await untilJoined(bob.client, roomId, aliceId);
  const image = makePng(120, 80, [240, 160, 30]);
  await sendFile(bob.client, roomId, true, { name: 'sunset.png', mimeType: 'image/png', bytes: image });

  await page.getByRole('list', { name: 'Contacts' }).getByRole('button', { name: /bob/ }).first().click();
  const log = page.getByRole('log', { name: /Messages in bob/ });
  const item = log.getByRole('list', { name: 'Attachments' }).getByRole('listitem').filter({ hasText: 'sunset.png' });
  await expect(item).toBeVisible();
  await expect(page.locator('img.attachment-preview')).toHaveCount(0);

  await item.getByRole('button', { name: 'Show preview' }).click();
  const preview = item.locator('img.attachment-preview');
  await expect(preview).toBeVisible();
  expect(await preview.getAttribute('src')).toMatch(/^blob:/);
  await expect.poll(() => preview.evaluate((element: HTMLImageElement) => element.complete ? element.naturalWidth : 0)).toBe(120);

  await item.getByRole('button', { name: 'Save' }).click();
  await expect(item.getByRole('status')).toContainText('Saved as sunset.png in the downloads folder');
  expect(readFileSync(join(core.profileDir, 'downloads', 'sunset.png')).equals(image)).toBe(true);
  await page.screenshot({ path: join(screenshots, 'matrix-media.png'), fullPage: true });
});
