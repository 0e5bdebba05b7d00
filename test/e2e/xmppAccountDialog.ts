/** The XMPP account dialog, filled the way a person does it, for the end-to-end tests. */
import { expect, type Locator, type Page } from '@playwright/test';
import type { RunningProsody } from '../servers/prosody.js';

export interface XmppAccountFields {
  readonly jid: string;
  readonly password: string;
  /** Pin the test server's self-signed certificate (advanced settings); absent: it is refused. */
  readonly trustCertificate?: boolean;
}

/** Fills and saves the Add account dialog for an account on the test Prosody. */
export async function addXmppAccount(page: Page, server: RunningProsody, fields: XmppAccountFields): Promise<void> {
  await page.getByRole('button', { name: 'Add account' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add account' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Network').selectOption({ label: 'XMPP' });
  await dialog.getByLabel('JID').fill(fields.jid);
  await dialog.getByLabel('Password', { exact: true }).fill(fields.password);
  await dialog.getByRole('button', { name: 'Show advanced settings' }).click();
  await dialog.getByLabel('Server', { exact: true }).fill(server.host);
  await dialog.getByLabel('Port').fill(String(server.c2sPort));
  if (fields.trustCertificate !== false) {
    await dialog.getByLabel('Trusted certificate fingerprint (SHA-256)').fill(server.certificateFingerprint256);
  }
  await dialog.getByRole('button', { name: 'Save account' }).click();
  await expect(dialog).toBeHidden();
}

/** The account's entry in the Accounts list. */
export function xmppAccountItem(page: Page, jid: string): Locator {
  return page.getByRole('list', { name: 'Accounts' }).getByRole('listitem').filter({ hasText: `${jid} (XMPP)` });
}

/** Adds alice@localhost and bob@localhost (see xmppPairScene) and waits until both are online. */
export async function addAliceAndBob(page: Page, server: RunningProsody): Promise<void> {
  await addXmppAccount(page, server, { jid: 'alice@localhost', password: 'alice-secret' });
  await addXmppAccount(page, server, { jid: 'bob@localhost', password: 'bob-secret' });
  await expect(xmppAccountItem(page, 'alice@localhost')).toContainText('Online');
  await expect(xmppAccountItem(page, 'bob@localhost')).toContainText('Online');
}

/** Chooses the account in a dialog's Account list by the label the Accounts list shows for it. */
export async function chooseXmppAccount(dialog: Locator, page: Page, jid: string): Promise<void> {
  const label = (await xmppAccountItem(page, jid).locator('.account-label').textContent()) ?? '';
  await dialog.getByLabel('Account').selectOption({ label });
}
