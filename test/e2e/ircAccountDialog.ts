/** What the IRC end-to-end tests do again and again, the way a person does it. */
import type { Page } from '@playwright/test';
import { addAccount, expectAccount } from './accountsDialog.js';

export interface IrcAccountFields {
  readonly port: number;
  readonly nick: string;
  readonly tls?: boolean;
  readonly server?: string;
  readonly password?: string;
  /** Tick "Allow sending my password without encryption" (advanced settings). */
  readonly allowPlainPassword?: boolean;
}

/** Fills and saves the Add account dialog (from the Accounts dialog) for an IRC account. */
export async function addIrcAccount(page: Page, fields: IrcAccountFields): Promise<void> {
  await addAccount(page, async (dialog) => {
    await dialog.getByLabel('Network').selectOption({ label: 'IRC' });
    await dialog.getByLabel('Server', { exact: true }).fill(fields.server ?? '127.0.0.1');
    await dialog.getByLabel('Port').fill(String(fields.port));
    await dialog.getByLabel('Use TLS').setChecked(fields.tls ?? false);
    await dialog.getByLabel('Nickname').fill(fields.nick);
    if (fields.password !== undefined) await dialog.getByLabel('Server password').fill(fields.password);
    if (fields.allowPlainPassword === true) {
      await dialog.getByRole('button', { name: 'Show advanced settings' }).click();
      await dialog.getByLabel('Allow sending my password without encryption').check();
    }
  });
}

/** The label Switchboard gives an IRC account. */
export function ircAccountLabel(nick: string): string {
  return `${nick} (IRC)`;
}

/** Waits until the IRC account's row in the Accounts dialog shows each text. */
export function expectIrcAccount(page: Page, nick: string, ...expected: readonly (string | RegExp)[]): Promise<void> {
  return expectAccount(page, ircAccountLabel(nick), ...expected);
}
