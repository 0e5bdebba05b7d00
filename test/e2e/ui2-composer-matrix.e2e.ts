/**
 * Formatting on Matrix end to end: the real UI in Chromium (headless mode), a real Synapse,
 * and bob on matrix-js-sdk (not our adapter). What alice types as *bold*, _italic_, `code`,
 * a quote and a link reaches bob as `format: org.matrix.custom.html` with that HTML (HTML
 * she typed escaped), beside her text as the plain body; bob's HTML shows formatted.
 */
import { expect, test } from '@playwright/test';
import { startSynapse, type RunningSynapse } from '../servers/synapse.js';
import { startSdkPeer, type SdkPeer } from '../servers/synapse/sdkPeer.js';
import { startHeadlessCore, type RunningHeadlessCore } from '../support/headlessCore.js';
import { addMatrixAccount, expectMatrixAccount, openNewMessage } from './matrixAccountDialog.js';
import { screenshot } from './scenes.js';

const PASSWORD = 'e2e-password';
let synapse: RunningSynapse;
let core: RunningHeadlessCore;
let bob: SdkPeer;
let aliceId = '';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  synapse = await startSynapse();
  const [alice, bobUser] = await Promise.all([synapse.registerUser('alice', PASSWORD), synapse.registerUser('bob', PASSWORD)]);
  aliceId = alice.userId;
  bob = await startSdkPeer(synapse.baseUrl, bobUser);
  core = await startHeadlessCore();
});

test.afterAll(async () => {
  bob.stop();
  await core.stop();
  await synapse.stop();
});

test('formatting goes out as formatted_body HTML and comes in formatted', async ({ page }) => {
  await page.goto(core.url);
  await addMatrixAccount(page, synapse.baseUrl, aliceId, PASSWORD);
  await expectMatrixAccount(page, aliceId, 'Online');
  await openNewMessage(page, bob.userId);

  const composer = page.getByRole('textbox', { name: 'Message', exact: true });
  await composer.fill('*bold* _it_ `x<y` [docs](https://example.org/) <script>');
  await composer.press('Shift+Enter');
  await composer.pressSequentially('> quoted');
  await composer.press('Enter');
  const atBob = await bob.waitForMessage(/^\*bold\* _it_/);
  expect(atBob.body).toBe('*bold* _it_ `x<y` [docs](https://example.org/) <script>\n> quoted');
  expect(atBob.formattedBody).toBe(
    '<strong>bold</strong> <em>it</em> <code>x&#60;y</code> <a href="https://example.org/">docs</a> &#60;script&#62;<blockquote>quoted</blockquote>',
  );
  const log = page.getByRole('log', { name: /Messages in bob/ });
  await expect(log.locator('strong', { hasText: 'bold' })).toBeVisible();
  await expect(log.locator('blockquote', { hasText: 'quoted' })).toBeVisible();

  await bob.sendHtml(atBob.roomId, '**loud** _soft_', '<strong>loud</strong> <em>soft</em>');
  await expect(log.locator('strong', { hasText: 'loud' })).toBeVisible();
  await expect(log.locator('em', { hasText: 'soft' })).toBeVisible();
  await screenshot(page, 'composer-matrix-formatting.png');
});
