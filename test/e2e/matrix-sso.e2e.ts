/**
 * Matrix single sign-on end to end: the real UI in Chromium (headless mode), a real Synapse
 * configured with an OpenID provider (oidc-provider on 127.0.0.1, its development sign-in
 * pages), and an independent matrix-js-sdk client as the other person. The Add account dialog
 * offers "Sign in with Test IdP" once the user id and homeserver are in; pressed from the
 * keyboard, it opens the homeserver's sign-on page in a new browser window (the app's
 * `window.open`, as for any external link), where the test signs in at the provider; the
 * browser comes back to the core's loopback listener, the account is added with the session,
 * connects, and chats. axe-core finds nothing serious in the dialog with its sign-in offer.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { findFreePort } from '../servers/serverProcess.js';
import { issuerOf, oidcProviderConfig, startOidcProvider, synapseOidcCallback, type RunningOidcProvider } from '../servers/oidcProvider.js';
import { startSynapse, type RunningSynapse } from '../servers/synapse.js';
import { startSdkPeer, type SdkPeer } from '../servers/synapse/sdkPeer.js';
import { startHeadlessCore, type RunningHeadlessCore } from '../support/headlessCore.js';
import { openAccounts, closeAccounts } from './accountsDialog.js';
import { expectMatrixAccount, openNewMessage } from './matrixAccountDialog.js';

let synapse: RunningSynapse;
let idp: RunningOidcProvider;
let core: RunningHeadlessCore;
let bob: SdkPeer;

test.beforeAll(async () => {
  const idpPort = await findFreePort();
  synapse = await startSynapse({ oidc: oidcProviderConfig(issuerOf(idpPort)) });
  idp = await startOidcProvider({ port: idpPort, redirectUri: synapseOidcCallback(synapse.baseUrl) });
  const bobUser = await synapse.registerUser('bob', 'e2e-password');
  [bob, core] = await Promise.all([startSdkPeer(synapse.baseUrl, bobUser), startHeadlessCore()]);
});

test.afterAll(async () => {
  bob.stop();
  await core.stop();
  await idp.stop();
  await synapse.stop();
});

test('add a Matrix account by single sign-on through an OpenID provider, then chat', async ({ page }) => {
  await page.goto(core.url);
  const accounts = await openAccounts(page);
  await accounts.getByRole('button', { name: 'Add account' }).click();
  const form = page.getByRole('dialog', { name: 'Add account' });
  await form.getByLabel('Network').selectOption({ label: 'Matrix' });
  await form.getByLabel('User ID').fill('@carol:localhost');
  await form.getByRole('button', { name: 'Show advanced settings' }).click();
  await form.getByLabel('Homeserver URL').fill(synapse.baseUrl);

  const signIn = form.getByRole('group', { name: 'Other ways to sign in' }).getByRole('button', { name: 'Sign in with Test IdP' });
  await expect(signIn).toBeVisible();
  await expect(form).toContainText('Or enter your password above.');

  // From the keyboard: Tab from the password field reaches the sign-in button.
  await form.getByLabel('Password', { exact: true }).focus();
  for (let presses = 0; presses < 5 && !(await signIn.evaluate((button) => button === document.activeElement)); presses++) {
    await page.keyboard.press('Tab');
  }
  await expect(signIn).toBeFocused();
  const opened = page.context().waitForEvent('page');
  await page.keyboard.press('Enter');
  await expect(form.getByRole('status').filter({ hasText: 'Finish signing in in the browser window' })).toBeVisible();
  await expect(form.getByRole('link', { name: 'No window? Open the sign-in page' })).toHaveAttribute('href', /\/_matrix\/client\/v3\/login\/sso\/redirect\/oidc-test-idp\?redirectUrl=/);
  await expect(form.getByRole('button', { name: 'Cancel sign-in' })).toBeVisible();
  // The dialog while it waits: the offer, the wait, the link and Cancel.
  const { violations } = await new AxeBuilder({ page }).include('[role="dialog"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // The provider's sign-in page, in the window the app opened.
  const browser = await opened;
  await browser.locator('input[name="login"]').fill('carol');
  await browser.locator('input[name="password"]').fill('any password');
  await browser.getByRole('button', { name: 'Sign-in' }).click();
  await browser.getByRole('button', { name: 'Continue' }).click();
  await expect(browser.getByText('Signed in. You can close this page and go back to Switchboard.')).toBeVisible();
  await browser.close();

  await expect(form).toBeHidden();
  await closeAccounts(page);
  await expectMatrixAccount(page, '@carol:localhost', 'Online');

  await openNewMessage(page, bob.userId);
  const composer = page.getByRole('textbox', { name: 'Message', exact: true });
  await composer.fill('hello bob, carol signed in by SSO');
  await composer.press('Enter');
  const atBob = await bob.waitForMessage(/^hello bob, carol signed in by SSO$/);
  await bob.sendText(atBob.roomId, 'hi carol');
  await expect(page.getByRole('log', { name: /Messages in bob/ })).toContainText('hi carol');
});
