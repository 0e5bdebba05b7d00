/** The XMPP account dialog, filled the way a person does it, for the end-to-end tests. */
import type { Locator, Page } from '@playwright/test';
import type { RunningProsody } from '../servers/prosody.js';
import { addAccount, expectAccount } from './accountsDialog.js';

export interface XmppAccountFields {
  readonly jid: string;
  readonly password: string;
  /** Pin the test server's self-signed certificate (advanced settings); absent: it is refused. */
  readonly trustCertificate?: boolean;
}

/** Fills and saves the Add account dialog (from the Accounts dialog) for an account on the test Prosody. */
export async function addXmppAccount(page: Page, server: RunningProsody, fields: XmppAccountFields): Promise<void> {
  await addAccount(page, async (dialog) => {
    await dialog.getByLabel('Network').selectOption({ label: 'XMPP' });
    await dialog.getByLabel('JID').fill(fields.jid);
    await dialog.getByLabel('Password', { exact: true }).fill(fields.password);
    await dialog.getByRole('button', { name: 'Show advanced settings' }).click();
    await dialog.getByLabel('Server', { exact: true }).fill(server.host);
    await dialog.getByLabel('Port').fill(String(server.c2sPort));
    if (fields.trustCertificate !== false) {
      await dialog.getByLabel('Trusted certificate fingerprint (SHA-256)').fill(server.certificateFingerprint256);
    }
  });
}

/** The label Switchboard gives an XMPP account. */
export function xmppAccountLabel(jid: string): string {
  return `${jid} (XMPP)`;
}

/** Waits until the XMPP account's row in the Accounts dialog shows each text. */
export function expectXmppAccount(page: Page, jid: string, ...expected: readonly (string | RegExp)[]): Promise<void> {
  return expectAccount(page, xmppAccountLabel(jid), ...expected);
}

/** Adds alice@localhost and bob@localhost (see xmppPairScene) and waits until both are online. */
export async function addAliceAndBob(page: Page, server: RunningProsody): Promise<void> {
  await addXmppAccount(page, server, { jid: 'alice@localhost', password: 'alice-secret' });
  await addXmppAccount(page, server, { jid: 'bob@localhost', password: 'bob-secret' });
  await expectXmppAccount(page, 'alice@localhost', 'Online');
  await expectXmppAccount(page, 'bob@localhost', 'Online');
}

/** Chooses the account in a dialog's Account list by the label Switchboard gives it. */
export async function chooseXmppAccount(dialog: Locator, jid: string): Promise<void> {
  await dialog.getByLabel('Account').selectOption({ label: xmppAccountLabel(jid) });
}
